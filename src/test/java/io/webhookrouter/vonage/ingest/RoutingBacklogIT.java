package io.webhookrouter.vonage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.RouterHome;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/**
 * Past ROUTING_MAX_BACKLOG events waiting to be routed, webhooks get 503 (Vonage retries) instead of a backlog that
 * grows without bound; once routing catches up they are accepted again. Only the webhook routes run here, so nothing
 * routes the stored events until the test takes them.
 */
class RoutingBacklogIT extends RouterTestSupport {

    private static final int LIMIT = 3;

    @Override
    protected Properties routerProperties() {
        Properties properties = new Properties();
        properties.put("camel.main.routes-include-pattern", RouterHome.routesPattern("webhooks.camel.yaml"));
        properties.put("routing.max-backlog", String.valueOf(LIMIT));
        return properties;
    }

    @Test
    void aWebhookIsAnswered503WhileTheBacklogIsFullAndAcceptedOnceItDrains() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(postSigned("/webhooks/inbound", Samples.fresh("inbound-sms-text")).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> broker().browse(VonageQueues.INGEST, null).size() == LIMIT);

        HttpResponse<String> refused = postSigned("/webhooks/status", Samples.fresh("status-delivered"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(broker().browse(VonageQueues.INGEST, null)).hasSize(LIMIT);

        broker().drain(VonageQueues.INGEST);
        // the broker counts the drained messages gone once their acknowledgements arrive; a 503 stores nothing
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(postSigned("/webhooks/status", Samples.fresh("status-delivered")).statusCode())
                        .isEqualTo(200));
    }
}
