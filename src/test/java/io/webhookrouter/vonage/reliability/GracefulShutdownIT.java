package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * SIGTERM under load: in-flight webhooks finish (or get 503), nothing is answered with a status Vonage would
 * not retry, the process exits in time, and after a restart every acknowledged event is delivered.
 */
class GracefulShutdownIT {

    @Test
    void stopsCleanlyUnderLoadAndLosesNothing() throws Exception {
        Ledger ledger = new Ledger();
        try (RouterProcess router = new RouterProcess(Files.createTempDirectory("shutdown-it"), "shutdown").start()) {
            try (WebhookLoad load = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger)
                    .start(16, 100_000, Duration.ofMinutes(1))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> ledger.acknowledged().size() >= 500);
                int exitCode = router.terminate(Duration.ofSeconds(45));
                load.stop();
                load.awaitDone(Duration.ofSeconds(30));
                System.out.println("graceful shutdown: exit " + exitCode + ", " + ledger);
            }
            // 0: no answer (connection refused once the server is gone), which Vonage also retries
            assertThat(ledger.answerCounts().keySet()).isSubsetOf(Set.of(200, 503, 0));

            router.start();
            Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofMinutes(2));
            assertThat(ledger.lost()).as("acknowledged but never delivered").isEmpty();
            assertThat(ledger.duplicates()).isEmpty();
        }
    }
}
