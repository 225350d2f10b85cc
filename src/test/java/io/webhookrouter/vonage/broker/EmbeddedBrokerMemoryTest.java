package io.webhookrouter.vonage.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.routing.DeliveryPolicy;

/**
 * What the embedded broker keeps in memory per address must not grow with a backlog: a backlog of a million
 * events runs in a 256 MiB heap (BENCHMARKS.md, "Backlog").
 */
class EmbeddedBrokerMemoryTest {

    private static final int INGEST_ID_CACHE = 200_000;

    @TempDir
    Path dataDir;
    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new EmbeddedBroker(dataDir, 0, INGEST_ID_CACHE,
                new DeliveryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), Duration.ofHours(24)), 90, 64);
        broker.start();
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop();
    }

    @Test
    void theRoutingMarkersRememberFewerKeysThanTheIngestQueue() {
        assertThat(broker.addressSettings(VonageQueues.INGEST).getIDCacheSize()).as("the broker-wide size applies").isNull();
        assertThat(broker.addressSettings(VonageQueues.ROUTED).getIDCacheSize())
                .isEqualTo(EmbeddedBroker.ROUTED_ID_CACHE_SIZE)
                .isLessThan(INGEST_ID_CACHE);
    }

    @Test
    void theJournalIsCompactedOnlyPastFiftyFilesAsTheDeduplicationKeysKeepEveryFileInUse() {
        // Artemis compacts past 10 files by default: with every file holding a few of the ingest queue's keys, that
        // was a compaction every few seconds under load
        assertThat(broker.journalCompactMinFiles()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aDestinationQueueKeepsAtMostAMebibyteInMemoryWhileNobodyConsumesIt() {
        for (String address : new String[] {"vonage.status.rejected", "vonage.inbound.unknown", "ops.anything"}) {
            AddressSettings settings = broker.addressSettings(address);
            assertThat(settings.getMaxSizeBytes() + settings.getPrefetchPageBytes()).as(address)
                    .isLessThanOrEqualTo(1024 * 1024);
        }
    }

    @Test
    void aPagingDestinationQueueKeepsOnlyASmallPageOfWhatItIsWritingInMemory() {
        // the messages of the page being written stay in memory until it is full: with 1 MiB pages a dozen paging
        // destination queues kept some 30 MiB of short-lived messages in the old generation
        for (String address : new String[] {"vonage.status.rejected", "vonage.inbound.unknown", "ops.anything"}) {
            assertThat(broker.addressSettings(address).getPageSizeBytes()).as(address).isLessThanOrEqualTo(128 * 1024);
        }
    }

    @Test
    void theIngestQueueAndTheOutboxesReadAFewBatchesAheadWhenTheyPage() {
        for (String address : new String[] {VonageQueues.INGEST, "vonage.outbox.archive", "vonage.outbox.https"}) {
            AddressSettings settings = broker.addressSettings(address);
            assertThat(settings.getPageSizeBytes()).as(address).isEqualTo(1024 * 1024);
            assertThat(settings.getPrefetchPageBytes()).as(address).isEqualTo(2 * 1024 * 1024);
            assertThat(settings.getMaxReadPageBytes()).as(address).isEqualTo(2 * 1024 * 1024);
        }
        assertThat(broker.addressSettings(VonageQueues.INGEST).getMaxSizeBytes()).isEqualTo(24L * 1024 * 1024);
        assertThat(broker.addressSettings("vonage.outbox.archive").getMaxSizeBytes()).isEqualTo(4L * 1024 * 1024);
    }
}
