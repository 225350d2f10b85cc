package io.webhookrouter.vonage.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.broker.BrokerQueues;
import io.webhookrouter.vonage.broker.VonageQueues;

/**
 * The systems of a deployment, in the harness's JVM: while the load runs, every destination queue the routes send
 * to (found by asking the broker each second) has a consumer over the embedded broker's loopback listener, which
 * acknowledges each event as it comes and counts it into the audit's tally. Without them (the default,
 * {@code BENCH_CONSUME_DESTINATIONS}) the destination queues fill and page to disk for the whole run. The router's
 * own queues (ingest, outboxes) and the parking ones (invalid, dead) are left alone.
 */
final class DownstreamConsumers implements AutoCloseable {

    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(10);
    private static final String OUTBOX_PREFIX = VonageQueues.OUTBOXES.replace("#", "");

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final EventTally tally;
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService finder = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "downstream-queue-finder");
        thread.setDaemon(true);
        return thread;
    });

    private DownstreamConsumers(int brokerPort, EventTally tally) throws JMSException {
        this.factory = BrokerAudit.loopback(brokerPort);
        this.connection = factory.createConnection();
        this.tally = tally;
        connection.start();
        finder.scheduleWithFixedDelay(this::consumeNewQueues, 0, 1, TimeUnit.SECONDS);
    }

    static DownstreamConsumers start(int brokerPort, EventTally tally) throws JMSException {
        return new DownstreamConsumers(brokerPort, tally);
    }

    private static boolean isDestination(String queue) {
        return !queue.equals(VonageQueues.INGEST) && !queue.startsWith(OUTBOX_PREFIX)
                && !queue.equals(VonageQueues.INVALID) && !queue.equals(VonageQueues.DEAD);
    }

    private void consumeNewQueues() {
        try {
            for (String queue : BrokerQueues.names(connection, LISTING_TIMEOUT)) {
                if (isDestination(queue) && consumed.add(queue)) {
                    // a session each: Artemis delivers a session's messages on one thread
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    session.createConsumer(session.createQueue(queue)).setMessageListener(message -> {
                        try {
                            tally.count(queue, message);
                        } catch (JMSException e) {
                            failures.incrementAndGet();
                        }
                    });
                }
            }
        } catch (JMSException e) {
            // the next round asks again; a router that went away ends the run anyway
            failures.incrementAndGet();
        }
    }

    /** Queues that had a consumer. */
    int queues() {
        return consumed.size();
    }

    long failures() {
        return failures.get();
    }

    /** Stops consuming, once: what was not acknowledged yet is the audit's. */
    @Override
    public void close() throws JMSException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        finder.shutdownNow();
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
