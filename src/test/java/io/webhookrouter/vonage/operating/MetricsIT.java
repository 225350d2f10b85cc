package io.webhookrouter.vonage.operating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.support.RouterMetrics;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/** A known mix of requests is counted exactly, by webhook, channel, status and outcome. */
class MetricsIT extends RouterTestSupport {

    private RouterMetrics metrics() throws Exception {
        return RouterMetrics.parse(send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort() + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).build()).body());
    }

    @Test
    void countsAKnownMixOfRequestsExactly() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(postSigned("/webhooks/inbound", Samples.fresh("inbound-sms-text")).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(postSigned("/webhooks/status", Samples.fresh("status-rejected")).statusCode()).isEqualTo(200);
        }
        assertThat(postSigned("/webhooks/status", "not json").statusCode()).isEqualTo(200);
        byte[] body = Samples.fresh("inbound-sms-text").getBytes(StandardCharsets.UTF_8);
        String forged = new WebhookSigner("guessed", "abc123", "app-1").authorization(body, Instant.now());
        for (int i = 0; i < 4; i++) {
            assertThat(send(request("/webhooks/inbound").header("Content-Type", "application/json")
                    .header("Authorization", forged).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build())
                    .statusCode()).isEqualTo(401);
        }
        assertThat(send(request("/webhooks/inbound").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).statusCode()).isEqualTo(503);

        RouterMetrics metrics = metrics();
        String events = "vonage_webhook_events_total";
        assertThat(metrics.value(events, "webhook=\"inbound\"", "channel=\"sms\"", "outcome=\"accepted\"")).isEqualTo(3);
        assertThat(metrics.value(events, "webhook=\"status\"", "channel=\"whatsapp\"", "status=\"rejected\"",
                "outcome=\"accepted\"")).isEqualTo(2);
        assertThat(metrics.value(events, "webhook=\"status\"", "outcome=\"invalid\"")).isEqualTo(1);
        assertThat(metrics.value(events, "outcome=\"rejected\"", "reason=\"bad_signature\"")).isEqualTo(4);
        assertThat(metrics.value(events, "outcome=\"unsigned\"")).isEqualTo(1);
        assertThat(metrics.value("vonage_webhook_ack_seconds_count", "outcome=\"accepted\"")).isEqualTo(5);
        assertThat(metrics.text()).contains("vonage_webhook_ack_seconds_bucket")
                .contains("vonage_queue_messages{queue=\"vonage.dead\"")
                .contains("camel_exchanges_total");
        // Camel's exchange metrics for the routes that take events from the broker, not for the webhook routes
        // (counted above) nor for the direct: steps of another route
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(metrics().text())
                .contains("camel_exchanges_total{", "routeId=\"vonage-routing\"")
                .doesNotContain("routeId=\"vonage-inbound-webhook\"", "routeId=\"route-status\""));
        // a queue the routes made on first use has its gauge too: vonage.status.rejected is in the tests' route
        // files, not in any list in Java
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(metrics().text())
                .contains("vonage_queue_messages{queue=\"vonage.status.rejected\""));
    }
}
