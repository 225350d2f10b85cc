package io.webhookrouter.vonage.operating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.support.RouterTestSupport;

/** Readiness follows the broker; liveness does not, since restarting the router cures no broker outage. */
class HealthIT extends RouterTestSupport {

    private HttpResponse<String> health(String which) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + "/observe/health" + which))
                .timeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void turnsNotReadyWhileTheBrokerIsGoneAndReadyAgainWhenItIsBack() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(health("/ready").body()).startsWith("{\"status\":\"UP\""));
        EmbeddedBroker broker = context.hasService(EmbeddedBroker.class);

        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> ready = health("/ready");
                assertThat(ready.body()).startsWith("{\"status\":\"DOWN\"").contains("broker unreachable");
                assertThat(ready.statusCode()).isEqualTo(503);
            });
            assertThat(health("/live").body()).startsWith("{\"status\":\"UP\"");
        } finally {
            broker.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(health("/ready").body()).startsWith("{\"status\":\"UP\""));
    }
}
