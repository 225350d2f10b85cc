package io.webhookrouter.vonage.broker;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.routing.DeliveryPolicy;

/**
 * The Artemis broker that runs inside the router when no external broker is configured: persistent journal
 * under {@code DATA_DIR/broker}, an in-VM acceptor for the router itself, and a loopback TCP acceptor that
 * speaks every protocol so consumers in any language can read the queues.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** The in-VM connector URL that reaches this broker from the same JVM. */
    public static final String IN_VM_URL = "vm://0";
    private static final String PROTOCOLS = "CORE,AMQP,STOMP,OPENWIRE,MQTT";
    private static final int SAFETY_NET_ATTEMPTS = 5;
    private static final int DISK_SCAN_PERIOD_MILLIS = 1000;
    private static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 500_000;
    /**
     * A destination queue's page file size, 128 KiB rather than Artemis's 10 MiB: a paging address keeps the messages
     * of the page it is writing in memory until that page is full. With 1 MiB pages the old generation held some 30
     * MiB more at 1,000 events/s with a dozen destination queues paging (nobody consuming them): messages that lived
     * seconds, long enough to be promoted, then died there, and G1 marked the whole heap every few seconds to reclaim
     * them.
     */
    private static final int PAGE_SIZE_BYTES = 128 * 1024;
    /**
     * A paging queue reads pages ahead into memory whether or not anyone consumes it (two pages by default): at
     * Artemis's default 10 MiB pages a dozen destination queues nobody consumed yet held 284 MB of messages in the
     * heap, and at 1 MiB pages still 44 MiB, the most of a 256 MiB heap's live data...
     */
    private static final int QUEUE_READ_AHEAD_BYTES = 512 * 1024;
    /**
     * ...but a paging queue also stops reading once this much it has delivered waits for its acknowledgement
     * (Artemis's max-read-page-bytes, the read-ahead's default too): at the read-ahead's 512 KiB, a consumer that
     * acknowledged every 1 MiB (the Artemis client's DUPS_OK) or committed 500 events at a time got 195 events and
     * then none, for good. Room for a consumer's window and batch of a thousand events or so.
     */
    private static final int QUEUE_UNACKNOWLEDGED_BYTES = 4 * 1024 * 1024;
    /**
     * ...while the ingest queue and the outboxes, always consumed, page only in a backlog, in 1 MiB pages (a backlog
     * of a million events fills some 2,000 of them), and read two pages ahead: a few batches (~600 events).
     */
    private static final int CONSUMED_PAGE_SIZE_BYTES = 1024 * 1024;
    private static final int CONSUMED_READ_AHEAD_BYTES = 2 * CONSUMED_PAGE_SIZE_BYTES;
    /**
     * The routing markers' keys need only outlive the moment between two copies of an event being routed: copies
     * stored by two routers within milliseconds of each other, or a routing transaction repeated after its commit
     * outcome was lost. Each key costs about 250 bytes of heap; at the ingest queue's size
     * (BROKER_DUPLICATE_ID_CACHE_SIZE, 200,000: Vonage's retries of the last minutes at full load) this address alone
     * took 50 MiB of a 256 MiB heap, and routing a backlog of a million events ran the heap out.
     */
    static final int ROUTED_ID_CACHE_SIZE = 20_000;
    private static final int GROUP_BUCKETS = 1024;
    /**
     * The ingest queue's de-duplication keys are journal records that live until 200,000 later keys replace them, so
     * every journal file keeps a few and none is freed until then: at Artemis's default of 10 files the broker
     * compacted its journal every few seconds under load, reading every file and writing every key again.
     */
    private static final int JOURNAL_COMPACT_MIN_FILES = 50;
    /** Artemis's wildcard for every address. */
    private static final String ANY_ADDRESS = "#";
    /**
     * Each address's memory before it pages: 1/128 of the broker's (512 KiB of 64, ~150 events), so that the
     * default table's ~17 queues take little of it even when nobody consumes them...
     */
    private static final int ADDRESS_SHARE = 128;
    /** ...an outbox's 1/16 (4 MiB of 64), so that a delivery running a little behind reads from memory, not pages... */
    private static final int OUTBOX_SHARE = 16;
    /** ...beside the ingest queue's 3/8 (24 MiB of 64: about 20,000 waiting events). */
    private static final int INGEST_SHARE_EIGHTHS = 3;

    private final Path dataDir;
    private final int tcpPort;
    private final int duplicateIdCacheSize;
    private final DeliveryPolicy deliveryPolicy;
    private final int maxDiskUsagePercent;
    private final int globalMaxSizeMb;
    private volatile EmbeddedActiveMQ broker;
    private CompletableFuture<EmbeddedActiveMQ> starting;

    /**
     * @param dataDir              the router's data directory; the journal goes to {@code broker/} below it
     * @param tcpPort              loopback port for external consumers, 0 for none
     * @param duplicateIdCacheSize how many de-duplication keys each address remembers
     * @param deliveryPolicy       the redelivery back-off the broker applies when a consumer rolls back
     * @param maxDiskUsagePercent  past this use of its disk the broker refuses writes (sends then time out: 503)
     * @param globalMaxSizeMb      memory for messages; beyond it the broker pages them to disk
     */
    public EmbeddedBroker(Path dataDir, int tcpPort, int duplicateIdCacheSize, DeliveryPolicy deliveryPolicy,
                          int maxDiskUsagePercent, int globalMaxSizeMb) {
        this.maxDiskUsagePercent = maxDiskUsagePercent;
        this.globalMaxSizeMb = globalMaxSizeMb;
        this.dataDir = dataDir;
        this.tcpPort = tcpPort;
        this.duplicateIdCacheSize = duplicateIdCacheSize;
        this.deliveryPolicy = deliveryPolicy;
    }

    /**
     * Starts the broker on a thread of its own, so that it starts while Camel loads the routes and opens the HTTP
     * server; {@link #start()} then waits for it.
     */
    public void startEarly() {
        starting();
    }

    private synchronized CompletableFuture<EmbeddedActiveMQ> starting() {
        if (starting == null) {
            CompletableFuture<EmbeddedActiveMQ> started = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    started.complete(startServer());
                } catch (Exception | Error e) {
                    started.completeExceptionally(e);
                }
            }, "embedded-broker-start");
            thread.setDaemon(true);
            thread.start();
            starting = started;
        }
        return starting;
    }

    @Override
    protected void doStart() throws Exception {
        try {
            broker = starting().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        LOG.info("Embedded Artemis broker started: journal {} ({}), {}", journalDir(),
                journalTypeAndWhy(broker.getActiveMQServer().getConfiguration().getJournalType()),
                tcpPort > 0 ? "listening on 127.0.0.1:" + tcpPort + " for " + PROTOCOLS : "no TCP listener");
    }

    private EmbeddedActiveMQ startServer() throws Exception {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration());
        server.start();
        if (!server.getActiveMQServer().isActive()) {
            throw new IllegalStateException("The embedded Artemis broker did not start: see the AMQ errors above "
                    + "(is EMBEDDED_BROKER_PORT " + tcpPort + " or DATA_DIR " + dataDir + " in use by another router?)");
        }
        return server;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        CompletableFuture<EmbeddedActiveMQ> started = starting;
        starting = null;
        EmbeddedActiveMQ running = broker;
        broker = null;
        if (running == null && started != null) {
            running = started.exceptionally(failed -> null).join();
        }
        if (running != null) {
            running.stop();
        }
    }

    /** The settings the running broker applies to an address (its defaults merged with every match). */
    AddressSettings addressSettings(String address) {
        return broker.getActiveMQServer().getAddressSettingsRepository().getMatch(address);
    }

    /** How many journal files the running broker lets pile up before it compacts them. */
    int journalCompactMinFiles() {
        return broker.getActiveMQServer().getConfiguration().getJournalCompactMinFiles();
    }

    /** Messages now in a queue, or NaN when the broker or the queue is not there. */
    public double messageCount(String queue) {
        EmbeddedActiveMQ running = broker;
        if (running == null) {
            return Double.NaN;
        }
        org.apache.activemq.artemis.core.server.Queue found =
                running.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? Double.NaN : found.getMessageCount();
    }

    /**
     * The queues the broker has now, by name: those made up front and those the routes made by sending to them (the
     * broker's own temporary and internal queues aside). Empty while the broker is not running.
     */
    public List<String> queueNames() {
        EmbeddedActiveMQ running = broker;
        if (running == null) {
            return List.of();
        }
        return running.getActiveMQServer().getPostOffice().getAllBindings()
                .filter(QueueBinding.class::isInstance)
                .map(binding -> ((QueueBinding) binding).getQueue())
                .filter(EmbeddedBroker::isListed)
                .map(queue -> queue.getName().toString())
                .sorted()
                .toList();
    }

    /**
     * Tells the listener the name of each queue the broker creates from now on (the first event a route sends to a
     * new destination, say); with {@link #queueNames()} that is every queue there is.
     */
    public void onQueueCreated(Consumer<String> listener) {
        EmbeddedActiveMQ running = broker;
        if (running == null) {
            return;
        }
        ActiveMQServer server = running.getActiveMQServer();
        server.registerPostQueueCreationCallback(name -> {
            org.apache.activemq.artemis.core.server.Queue queue = server.locateQueue(name);
            if (queue != null && isListed(queue)) {
                listener.accept(name.toString());
            }
        });
    }

    private static boolean isListed(org.apache.activemq.artemis.core.server.Queue queue) {
        return !queue.isTemporary() && !queue.isInternalQueue();
    }

    /** Messages now in a queue; 0 when the broker or the queue is not there (yet). */
    public long messageCountOrZero(String queue) {
        double count = messageCount(queue);
        return Double.isNaN(count) ? 0 : (long) count;
    }

    private long globalMaxSizeBytes() {
        return globalMaxSizeMb * 1024L * 1024L;
    }

    private Path journalDir() {
        return dataDir.resolve("broker").toAbsolutePath();
    }

    private Configuration configuration() throws Exception {
        Path root = journalDir();
        Configuration config = new ConfigurationImpl()
                .setName("vonage-webhook-router")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(root.resolve("journal").toString())
                .setBindingsDirectory(root.resolve("bindings").toString())
                .setPagingDirectory(root.resolve("paging").toString())
                .setLargeMessagesDirectory(root.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(root.toString())
                .setJournalType(journalType(root))
                .setMaxDiskUsage(maxDiskUsagePercent)
                .setGlobalMaxSize(globalMaxSizeBytes())
                .setDiskScanPeriod(DISK_SCAN_PERIOD_MILLIS)
                .setIDCacheSize(duplicateIdCacheSize)
                .setPersistIDCache(true)
                .setJournalCompactMinFiles(JOURNAL_COMPACT_MIN_FILES)
                // a commit waits for the next journal flush: NIO's default of 3.3 ms (made for spinning disks) would
                // bound each sender and routing thread to ~300 commits/s; the flush waits for the previous sync anyway
                .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                .setJournalBufferTimeout_AIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                // the same for a commit to an address that pages (a backlog past EMBEDDED_BROKER_MEMORY_MB)
                .setPageSyncTimeout(JOURNAL_BUFFER_TIMEOUT_NANOS);
        // the thread pool is Artemis's default (30): with 8, paging work that blocks held up the hand-off's
        // commits, and acknowledgements stopped for half a second at a time at 1,000 requests/s
        config.addAcceptorConfiguration("in-vm", IN_VM_URL);
        if (tcpPort > 0) {
            config.addAcceptorConfiguration("loopback", "tcp://127.0.0.1:" + tcpPort + "?protocols=" + PROTOCOLS);
        }
        // every address, so that any queue the routes send to (ops.rejected as much as vonage.inbound.sms) gets these
        // when the broker creates it on first use; the settings below for single addresses are layered on top (Artemis
        // merges the matches, the most specific winning)
        config.addAddressSetting(ANY_ADDRESS, new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(VonageQueues.DEAD))
                .setRedeliveryDelay(deliveryPolicy.initialDelay().toMillis())
                .setRedeliveryMultiplier(deliveryPolicy.multiplier())
                .setMaxRedeliveryDelay(deliveryPolicy.maxDelay().toMillis())
                // the routes dead-letter on the policy's last attempt, with the reason; this is the safety net
                .setMaxDeliveryAttempts(deliveryPolicy.maxAttempts() + SAFETY_NET_ATTEMPTS)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                // a queue remembers which consumer has each message group (JMSXGroupID: one per message uuid) for as
                // long as the consumer lives: without buckets, memory that grows with every message ever delivered.
                // Rebalanced when a consumer joins, dispatch paused meanwhile, so that a group is never with two
                // consumers at once (the routing stage relies on that to route copies of one event one by one)
                .setDefaultGroupBuckets(GROUP_BUCKETS)
                .setDefaultGroupRebalance(true)
                .setDefaultGroupRebalancePauseDispatch(true)
                // each address pages on its own past its share of the memory: a destination queue nobody consumes
                // pages alone, instead of filling the broker's memory until every address, ingest too, pages
                .setMaxSizeBytes(globalMaxSizeBytes() / ADDRESS_SHARE)
                .setPageSizeBytes(PAGE_SIZE_BYTES)
                .setPrefetchPageBytes(QUEUE_READ_AHEAD_BYTES)
                .setMaxReadPageBytes(QUEUE_UNACKNOWLEDGED_BYTES));
        // the ingest queue holds the backlog routing has not taken yet (ROUTING_MAX_BACKLOG bounds it): in memory
        config.addAddressSetting(VonageQueues.INGEST,
                consumedByTheRouter(globalMaxSizeBytes() * INGEST_SHARE_EIGHTHS / 8));
        config.addAddressSetting(VonageQueues.OUTBOXES, consumedByTheRouter(globalMaxSizeBytes() / OUTBOX_SHARE));
        config.addAddressSetting(VonageQueues.ROUTED, new AddressSettings().setIDCacheSize(ROUTED_ID_CACHE_SIZE));
        // dead letters and invalid events are kept until someone looks at them
        for (String parking : new String[] {VonageQueues.DEAD, VonageQueues.INVALID}) {
            config.addAddressSetting(parking, new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setAutoDeleteQueues(false)
                    .setAutoDeleteAddresses(false));
        }
        // only the queues the Java code uses are made up front: vonage.dead above all, since the broker drops a dead
        // letter sent to an address without a queue. The route files' queues are made when first sent to
        for (String queue : new String[] {VonageQueues.INGEST, VonageQueues.INVALID, VonageQueues.DEAD}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue)
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        return config;
    }

    /**
     * A queue the router's own consumers drain: its read-ahead set in full, not merged from every address's (a
     * routing or delivery transaction of 256 events, two at a time, stays within it).
     */
    private static AddressSettings consumedByTheRouter(long maxSizeBytes) {
        return new AddressSettings()
                .setMaxSizeBytes(maxSizeBytes)
                .setPageSizeBytes(CONSUMED_PAGE_SIZE_BYTES)
                .setPrefetchPageBytes(CONSUMED_READ_AHEAD_BYTES)
                .setMaxReadPageBytes(CONSUMED_READ_AHEAD_BYTES);
    }

    /**
     * The journal type, and for NIO what ASYNCIO would need: an operator who installs libaio to get it should see
     * whether the JVM found it.
     */
    static String journalTypeAndWhy(JournalType type) {
        if (type != JournalType.NIO) {
            return type.name();
        }
        return AIOSequentialFileFactory.isSupported()
                ? "NIO: the journal's file system refuses direct I/O, which ASYNCIO needs"
                : "NIO: ASYNCIO needs Linux libaio and Artemis's native library (libartemis-native-64.so) on "
                + "java.library.path";
    }

    /** ASYNCIO where Linux libaio and Artemis's native library are present, NIO otherwise. */
    private static JournalType journalType(Path root) {
        root.toFile().mkdirs();
        return AIOSequentialFileFactory.isSupported(root.toFile())
                ? JournalType.ASYNCIO
                : JournalType.NIO;
    }
}
