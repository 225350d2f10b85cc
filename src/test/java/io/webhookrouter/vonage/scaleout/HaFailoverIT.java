package io.webhookrouter.vonage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.ArtemisServer;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * An Artemis primary/backup pair on a shared journal: the primary is killed under load, the backup takes over,
 * the router fails over by itself through its HA connection URL, and nothing acknowledged is lost.
 */
class HaFailoverIT {

    @Test
    void failsOverToTheBackupByItselfAndLosesNothing() throws Exception {
        Ledger ledger = new Ledger();
        ArtemisServer[] pair = ArtemisServer.sharedStorePair("ha");
        try (ArtemisServer primary = pair[0].start();
             ArtemisServer backup = pair[1].start();
             RouterProcess router = new RouterProcess(Files.createTempDirectory("ha-it"), "ha")
                     .with("BROKER_URL", ArtemisServer.haUrl(primary, backup))
                     .with("BROKER_USER", ArtemisServer.USER)
                     .with("BROKER_PASSWORD", ArtemisServer.PASSWORD)
                     .start()) {
            try (WebhookLoad load = new WebhookLoad(() -> router.webhook("inbound"), () -> router.webhook("status"), ledger)
                    .start(8, 100_000, Duration.ofMinutes(2))) {
                await().atMost(Duration.ofSeconds(45)).until(() -> ledger.acknowledged().size() >= 400);
                primary.kill();
                int beforeFailover = ledger.acknowledged().size();
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger.acknowledged().size() >= beforeFailover + 400);
                load.stop();
                load.awaitDone(Duration.ofMinutes(1));
            }
            assertThat(ledger.answerCounts().keySet()).isSubsetOf(Set.of(200, 503));

            Destinations.drainInto(ledger, backup.urlWithLogin(), Duration.ofMinutes(2));
            System.out.println("HA failover: " + ledger);
            assertThat(ledger.lost()).as("acknowledged but never delivered").isEmpty();
            assertThat(ledger.duplicates()).as("routed twice").isEmpty();
        }
    }
}
