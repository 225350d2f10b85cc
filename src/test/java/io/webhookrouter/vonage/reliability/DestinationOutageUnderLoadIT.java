package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterMetrics;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.Smtp;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * SMTP down and the archive unwritable for a while, under load: the webhooks stay fast (the router answers each
 * within 1 s), and once the destinations are back every acknowledged event is archived and every failed delivery
 * is emailed.
 */
class DestinationOutageUnderLoadIT {

    /** What docs/reliability.md promises for the 200s while the destinations are down. */
    private static final Duration FAST = Duration.ofSeconds(1);

    @Test
    void deliversEverythingOnceTheDestinationsAreBackWithoutSlowingTheWebhooks() throws Exception {
        Path dataDir = Files.createTempDirectory("destination-outage-it");
        Path archive = Files.createDirectories(dataDir.resolve("archive"));
        // files where the archive's directories must go: not writable, even by root
        Path inboundBlocker = Files.writeString(archive.resolve("inbound"), "not a directory");
        Path statusBlocker = Files.writeString(archive.resolve("status"), "not a directory");
        Ledger ledger = new Ledger();
        try (Smtp smtp = new Smtp();
             RouterProcess router = new RouterProcess(dataDir, "destination-outage")
                     .with("SMTP_HOST", "127.0.0.1")
                     .with("SMTP_PORT", String.valueOf(smtp.port()))
                     .with("ALERT_EMAIL_TO", "ops@example.com")
                     .with("DELIVERY_INITIAL_DELAY_MILLIS", "250")
                     .with("DELIVERY_MAX_DELAY_MILLIS", "1000")
                     .with("DELIVERY_RETRY_FOR_SECONDS", "120")
                     .start()) {

            load(router, ledger, 80);
            int sentBefore = ledger.sent();
            RouterMetrics.AckCounts warm = RouterMetrics.of(router).acks("accepted", FAST);
            long slowestSeenByClients = load(router, ledger, 600);
            RouterMetrics.AckCounts underLoad = RouterMetrics.of(router).acks("accepted", FAST).since(warm);
            System.out.println("destination outage, under load: " + underLoad + ", slowest seen by the clients "
                    + slowestSeenByClients + " ms");
            assertThat(ledger.answerCounts()).containsOnlyKeys(200);
            assertThat(underLoad.answered()).as("answers the router counted").isEqualTo(ledger.sent() - sentBefore);
            assertThat(underLoad.answeredInTime()).as("answers within %s, of %s", FAST, underLoad)
                    .isEqualTo(underLoad.answered());
            // the outage goes on for a while after the load
            Thread.sleep(3000);
            smtp.start();
            Files.delete(inboundBlocker);
            Files.delete(statusBlocker);

            Set<String> failedDeliveries = ledger.acknowledged().stream()
                    .filter(key -> key.endsWith(":rejected") || key.endsWith(":undeliverable"))
                    .map(key -> key.split(":")[1])
                    .collect(Collectors.toSet());
            await().atMost(Duration.ofMinutes(2)).until(() -> emailedUuids(smtp).containsAll(failedDeliveries));
            await().atMost(Duration.ofMinutes(2)).until(() -> archivedCount(archive) >= ledger.acknowledged().size());
            int deadLetters = Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofMinutes(1));

            System.out.println("destination outage: " + ledger + ", emails " + smtp.server().getReceivedMessages().length
                    + ", archived " + archivedCount(archive) + ", dead letters " + deadLetters);
            assertThat(ledger.lost()).isEmpty();
            assertThat(deadLetters).isZero();
        }
    }

    /**
     * Sends that many events from 8 clients, all of which must be acknowledged; returns the slowest answer the
     * clients saw, in ms.
     * <p>
     * The bound of 1 s is on the router's own time to the answer ({@code vonage_webhook_ack_seconds}, what an
     * operator watches), measured after a first load: the clients' time also holds this JVM's scheduling and the
     * machine's other processes, and the first answers of a router just started its class loading and compiling,
     * none of which the outage is to blame for.
     */
    private static long load(RouterProcess router, Ledger ledger, int events) throws Exception {
        try (WebhookLoad load = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger)
                .start(8, events, Duration.ofMinutes(1))) {
            load.awaitDone(Duration.ofMinutes(1));
            return load.slowestMillis();
        }
    }

    private static Set<String> emailedUuids(Smtp smtp) throws Exception {
        Set<String> uuids = new java.util.HashSet<>();
        for (MimeMessage message : smtp.server().getReceivedMessages()) {
            String subject = message.getSubject();
            uuids.add(subject.substring(subject.lastIndexOf('(') + 1, subject.lastIndexOf(')')));
        }
        return uuids;
    }

    private static long archivedCount(Path archive) throws Exception {
        try (Stream<Path> files = Files.walk(archive)) {
            return files.filter(file -> file.toString().endsWith(".json")).count();
        }
    }
}
