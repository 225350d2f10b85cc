package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterMetrics;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * The broker's disk is "full" (its limit set below what the disk already uses): webhooks get 503 within the
 * send timeout, never a hang towards Vonage's 15 s, and a 200 only for what was really stored.
 */
class DiskPressureIT {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The send timeout and 3 s to answer, by the router's own time to the answer (vonage_webhook_ack_seconds, of
     * which it is a bucket): the clients' time also holds this JVM's and the machine's other processes' share of
     * a loaded machine.
     */
    private static final Duration IN_TIME = SEND_TIMEOUT.plusSeconds(3);
    /** Artemis: "Usage rate is ... beyond the configured <max-disk-usage>. System will start blocking producers." */
    private static final String DISK_OVER_LIMIT = "AMQ222210";

    @Test
    void answers503InTimeAndNever200ForWhatItCouldNotStore() throws Exception {
        Path dataDir = Files.createTempDirectory("disk-pressure-it");
        FileStore disk = Files.getFileStore(dataDir);
        int usedPercent = (int) (100 * (disk.getTotalSpace() - disk.getUsableSpace()) / disk.getTotalSpace());
        assumeTrue(usedPercent >= 2, "the disk is too empty to be made to look full");
        int limit = usedPercent - 1;
        Ledger ledger = new Ledger();
        try (RouterProcess router = new RouterProcess(dataDir, "disk-pressure")
                .with("EMBEDDED_BROKER_MAX_DISK_USAGE", String.valueOf(limit))
                .with("BROKER_SEND_TIMEOUT_MILLIS", String.valueOf(SEND_TIMEOUT.toMillis()))
                .start()) {
            // the broker checks the disk every scan period (1 s), and says when it finds it over the limit; before
            // that, it would still store (and the router answer 200) what this test sends
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> router.logged(DISK_OVER_LIMIT));

            try (WebhookLoad load = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger)
                    .start(8, 64, Duration.ofSeconds(40))) {
                load.awaitDone(Duration.ofMinutes(1));
                RouterMetrics.AckCounts refused = RouterMetrics.of(router).acks("unavailable", IN_TIME);
                System.out.println("disk pressure (limit " + limit + "% of a disk " + usedPercent + "% used): " + ledger
                        + ", by the router " + refused + ", slowest seen by the clients " + load.slowestMillis() + " ms");
                assertThat(ledger.answerCounts()).containsOnlyKeys(503);
                assertThat(refused.answered()).isEqualTo(ledger.sent());
                assertThat(refused.answeredInTime()).as("503s within %s, of %s", IN_TIME, refused)
                        .isEqualTo(refused.answered());
            }
            assertThat(router.isAlive()).isTrue();
            Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofSeconds(30));
            assertThat(ledger.foundCount()).as("events stored although refused").isZero();
        }
    }
}
