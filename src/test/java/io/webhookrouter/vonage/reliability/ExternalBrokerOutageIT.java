package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.ArtemisServer;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterMetrics;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * BROKER_URL pointing at a standalone Artemis that is killed under load: the router answers 503, never 200,
 * within the send timeout; it reconnects by itself when the broker is back; nothing acknowledged is lost.
 */
class ExternalBrokerOutageIT {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The send timeout and 3 s to answer, by the router's own time to the answer (vonage_webhook_ack_seconds, of
     * which it is a bucket): the clients' time also holds this JVM's and the machine's other processes' share of
     * a loaded machine.
     */
    private static final Duration IN_TIME = SEND_TIMEOUT.plusSeconds(3);

    @Test
    void answers503WhileTheBrokerIsDownReconnectsByItselfAndLosesNothing() throws Exception {
        Ledger before = new Ledger();
        Ledger during = new Ledger();
        Ledger after = new Ledger();
        try (ArtemisServer broker = new ArtemisServer("outage").start();
             RouterProcess router = new RouterProcess(Files.createTempDirectory("external-broker-it"), "external-broker")
                     .with("BROKER_URL", broker.url())
                     .with("BROKER_USER", ArtemisServer.USER)
                     .with("BROKER_PASSWORD", ArtemisServer.PASSWORD)
                     .with("BROKER_SEND_TIMEOUT_MILLIS", String.valueOf(SEND_TIMEOUT.toMillis()))
                     .start()) {

            try (WebhookLoad load = load(router, before).start(8, 100_000, Duration.ofMinutes(1))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> before.acknowledged().size() >= 300);
                broker.kill();
                load.stop();
                load.awaitDone(Duration.ofSeconds(30));
            }

            RouterMetrics.AckCounts before503s = RouterMetrics.of(router).acks("unavailable", IN_TIME);
            try (WebhookLoad load = load(router, during).start(8, 200, Duration.ofSeconds(30))) {
                load.awaitDone(Duration.ofMinutes(1));
                RouterMetrics.AckCounts refused = RouterMetrics.of(router).acks("unavailable", IN_TIME).since(before503s);
                System.out.println("external broker down: by the router " + refused + ", slowest seen by the clients "
                        + load.slowestMillis() + " ms");
                assertThat(during.answerCounts()).as("answers while the broker is down").containsOnlyKeys(503);
                assertThat(refused.answered()).isEqualTo(during.sent());
                assertThat(refused.answeredInTime()).as("503s within %s, of %s", IN_TIME, refused)
                        .isEqualTo(refused.answered());
            }

            broker.start();
            try (WebhookLoad load = load(router, after).start(8, 100_000, Duration.ofMinutes(1))) {
                await().atMost(Duration.ofSeconds(45)).until(() -> after.acknowledged().size() >= 300);
                load.stop();
                load.awaitDone(Duration.ofSeconds(30));
            }

            Ledger all = new Ledger();
            for (Ledger ledger : new Ledger[] {before, during, after}) {
                ledger.acknowledged().forEach(key -> all.answered(key, 200));
            }
            Destinations.drainInto(all, broker.urlWithLogin(), Duration.ofMinutes(2));
            System.out.println("external broker outage: before " + before + "; during " + during + "; after " + after
                    + "; all " + all);
            assertThat(all.lost()).as("acknowledged but never delivered").isEmpty();
            assertThat(all.duplicates()).isEmpty();
        }
    }

    private static WebhookLoad load(RouterProcess router, Ledger ledger) {
        return new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger);
    }
}
