package io.webhookrouter.vonage.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.RouterHome;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/** No 200 without a confirmed send: with the broker gone the router answers 503, and recovers by itself. */
class BrokerOutageIT extends RouterTestSupport {


    private static final long SEND_TIMEOUT_MILLIS = 1500;

    @Override
    protected Properties routerProperties() {
        Properties properties = new Properties();
        properties.put("broker.send-timeout-millis", String.valueOf(SEND_TIMEOUT_MILLIS));
        properties.put("camel.main.routes-include-pattern", RouterHome.routesPattern("webhooks.camel.yaml"));
        return properties;
    }

    @Test
    void answers503NeverA200WhileTheBrokerIsDownAndRecoversWhenItReturns() throws Exception {
        assertThat(postSigned("/webhooks/status", Samples.fresh("status-delivered")).statusCode()).isEqualTo(200);
        EmbeddedBroker embeddedBroker = context.hasService(EmbeddedBroker.class);

        embeddedBroker.stop();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = postSigned("/webhooks/status", Samples.fresh("status-delivered"));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(tookMillis).isLessThan(SEND_TIMEOUT_MILLIS + 2000);
        }

        embeddedBroker.start();
        String uuid = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(postSigned("/webhooks/status", Samples.withUuid("status-read", uuid)).statusCode())
                        .isEqualTo(200));
        assertThat(broker().browseUuid(VonageQueues.INGEST, uuid)).hasSize(1);
    }
}
