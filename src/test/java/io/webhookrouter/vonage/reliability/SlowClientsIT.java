package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.HostileBodies;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterHealth;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.TricklingClient;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * Clients that send their headers and then one body byte per second: the router ends each of them with a 503
 * after its request timeout, well before Vonage's 15 s, and serves everyone else as usual meanwhile.
 */
class SlowClientsIT {

    private static final int REQUEST_TIMEOUT_MILLIS = 4000;
    private static final int SLOW_CLIENTS = 4;
    private static final Duration VONAGE_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void endsBodyTricklingClientsWithA503AfterTheRequestTimeoutWhileOthersGetTheir200sQuickly() throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        List<TricklingClient> slow = new ArrayList<>();
        try (RouterProcess router = new RouterProcess(Files.createTempDirectory("slow-clients-it"), "slow-clients")
                .with("WEBHOOK_REQUEST_TIMEOUT_MILLIS", String.valueOf(REQUEST_TIMEOUT_MILLIS))
                .start()) {
            Ledger ledger = new Ledger();
            warmUp(router, ledger);
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(trickleASignedEvent(router, ticker));
            }

            try (WebhookLoad others = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"),
                    ledger).start(4, 80, Duration.ofSeconds(30))) {
                others.awaitDone(Duration.ofSeconds(60));
                assertThat(ledger.answerCounts()).as("answers to the other clients").containsOnlyKeys(200);
                // well below the slow clients' timeout: nobody waited for them
                assertThat(others.slowestMillis()).as("slowest answer to the others, ms")
                        .isLessThan(REQUEST_TIMEOUT_MILLIS / 2);
            }

            for (TricklingClient client : slow) {
                TricklingClient.Answer answer = client.awaitAnswer(VONAGE_TIMEOUT.minusSeconds(3));
                assertThat(answer.status()).as("answer to a slow client: %s", answer.head()).isEqualTo(503);
                assertThat(answer.afterMillis()).as("ms until the slow client was answered")
                        .isBetween((long) REQUEST_TIMEOUT_MILLIS - 500, (long) REQUEST_TIMEOUT_MILLIS + 3000);
                assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(answer.closedByServer()).as("the server closed the slow client's connection").isTrue();
            }

            assertThat(Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofSeconds(60))).isZero();
            assertThat(ledger.lost()).as("acknowledged but not routed").isEmpty();
            assertThat(RouterHealth.of(router)).contains("\"status\":\"UP\"");
        } finally {
            for (TricklingClient client : slow) {
                client.close();
            }
            ticker.shutdownNow();
        }
    }

    /**
     * The first answers of a router just started carry its class loading and compilation, and the clients' first
     * connections: not what the others' bound is about, which is that nobody waits for the slow clients.
     */
    private static void warmUp(RouterProcess router, Ledger ledger) throws Exception {
        try (WebhookLoad warmUp = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"),
                ledger).start(4, 40, Duration.ofSeconds(30))) {
            warmUp.awaitDone(Duration.ofSeconds(60));
        }
    }

    private static TricklingClient trickleASignedEvent(RouterProcess router, ScheduledExecutorService ticker)
            throws Exception {
        byte[] body = HostileBodies.event("inbound", UUID.randomUUID().toString());
        String authorization = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1")
                .authorization(body, Instant.now());
        return TricklingClient.start(router.webhook("inbound"), body, authorization, ticker);
    }
}
