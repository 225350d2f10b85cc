package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.WebhookLoad;

/** kill -9 under load, twice, then a restart on the same data: every acknowledged event is delivered. */
class CrashIT {

    @Test
    void losesNoAcknowledgedEventWhenKilledUnderLoadOrMidRouting() throws Exception {
        Path dataDir = Files.createTempDirectory("crash-it");
        Ledger ledger = new Ledger();
        try (RouterProcess router = new RouterProcess(dataDir, "crash")) {
            router.start();

            // 1: killed while the webhooks are being answered
            try (WebhookLoad load = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger)
                    .start(16, 4000, Duration.ofMinutes(2))) {
                await().atMost(Duration.ofMinutes(1)).until(() -> ledger.acknowledged().size() >= 800);
                router.kill();
                load.stop();
                load.awaitDone(Duration.ofSeconds(60));
            }
            System.out.println("after the first kill: " + ledger);

            // 2: killed while the routing stage works through a backlog: the webhooks outpace the routing, so
            // when the load stops, routing transactions are in flight
            router.start();
            try (WebhookLoad load = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger)
                    .start(16, 1500, Duration.ofMinutes(2))) {
                load.awaitDone(Duration.ofMinutes(2));
            }
            router.kill();
            System.out.println("after the second kill: " + ledger);

            router.start();
            int deadLetters = Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofMinutes(3));
            System.out.println("after the restart: " + ledger + ", dead letters " + deadLetters);

            assertThat(ledger.acknowledged()).hasSizeGreaterThan(2000);
            assertThat(ledger.lost()).as("acknowledged but never delivered").isEmpty();
            assertThat(ledger.duplicates()).as("delivered twice to one queue").isEmpty();
            assertThat(deadLetters).isZero();
        }
    }
}
