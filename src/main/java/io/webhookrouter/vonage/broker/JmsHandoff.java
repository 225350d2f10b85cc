package io.webhookrouter.vonage.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable hand-off: every event is stored by a persistent JMS send that the broker has committed to its
 * journal, or the caller gets a {@link HandoffFailed} within the send timeout.
 * <p>
 * Events go to a few sender lanes. Each lane is one thread with its own transacted session (JMS sessions are
 * not thread-safe) that takes every event waiting for it, sends them and commits them together: one commit,
 * one journal sync and one round trip to the broker for the whole batch, however many requests wait for it.
 * Under load the batches grow by themselves; when the router is idle a batch is one event.
 * <p>
 * Copies of one event (Vonage retrying a slow answer while the first copy is still being stored) must be stored
 * once. Inside a transaction the broker records a duplicate-detection key only once the transaction is stored, so
 * two transactions in flight with the same key would both pass its check. Hence each key has one lane (its hash
 * picks it), a lane commits one transaction at a time, and copies within one batch are sent once: every copy is
 * answered by the commit of the one that was sent.
 * <p>
 * The request thread never makes a JMS call itself: the client can block far longer than its own timeouts
 * while it reconnects (creating a session waits for the connection's lock), so the request only waits for its
 * event's commit, with the timeout, and whatever the broker does the answer comes in time.
 */
public final class JmsHandoff extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JmsHandoff.class);
    /** Bounds one transaction; more waiting events go in the next one. */
    private static final int MAX_BATCH = 256;

    private final ConnectionFactory connectionFactory;
    private final Duration sendTimeout;
    private final int laneCount;
    private volatile SenderLane[] lanes = new SenderLane[0];
    private volatile boolean running;
    private volatile Connection connection;
    /** Between the client noticing a lost broker and its reconnection (or fail-over) to one. */
    private volatile boolean reconnecting;

    public JmsHandoff(ConnectionFactory connectionFactory, int laneCount, Duration sendTimeout) {
        this.connectionFactory = connectionFactory;
        this.laneCount = laneCount;
        this.sendTimeout = sendTimeout;
    }

    /** Returns when the broker has stored the message; throws when that is not confirmed within the timeout. */
    public void store(Envelope envelope) throws HandoffFailed {
        CompletableFuture<Void> stored = send(envelope);
        try {
            stored.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a lane that has not sent it yet skips it; a commit that comes later changes nothing, as the broker
            // de-duplicates Vonage's retry
            stored.cancel(false);
            throw new HandoffFailed("persistent send to " + envelope.queue() + " not confirmed within "
                    + sendTimeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw new HandoffFailed("persistent send to " + envelope.queue() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandoffFailed("interrupted while waiting for the broker", e);
        }
    }

    /** Completes once the broker has committed the message, exceptionally when it could not. */
    private CompletableFuture<Void> send(Envelope envelope) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        SenderLane[] current = lanes;
        if (current.length == 0) {
            stored.completeExceptionally(new IllegalStateException("the hand-off is not running"));
        } else {
            // one lane per key: the broker then sees copies of one event one transaction after another
            current[Math.floorMod(envelope.duplicateId().hashCode(), current.length)].waiting
                    .add(new Pending(envelope, stored));
        }
        return stored;
    }

    private Connection connection() throws JMSException {
        Connection current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                Connection created = connectionFactory.createConnection();
                if (created instanceof ActiveMQConnection artemis) {
                    artemis.setFailoverListener(event -> reconnecting = event != FailoverEventType.FAILOVER_COMPLETED);
                }
                reconnecting = false;
                created.setExceptionListener(e -> {
                    LOG.warn("Broker connection lost for good ({}); a new one is opened on the next send",
                            e.getMessage());
                    forget(created);
                });
                connection = created;
            }
            return connection;
        }
    }

    /**
     * True when sends can reach the broker now: a connection is open and not reconnecting. Without a connection,
     * it tries to open one, so that the answer changes when the broker comes back even with no traffic.
     */
    public boolean isBrokerReachable() {
        try {
            connection();
        } catch (JMSException | RuntimeException unreachable) {
            return false;
        }
        return !reconnecting;
    }

    private synchronized void forget(Connection failed) {
        if (connection == failed) {
            connection = null;
            try {
                failed.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing a failed broker connection failed too", e);
            }
        }
    }

    @Override
    protected void doStart() {
        running = true;
        SenderLane[] started = new SenderLane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            started[i] = new SenderLane(i + 1);
            started[i].thread.start();
        }
        lanes = started;
        try {
            connection();
        } catch (JMSException | RuntimeException e) {
            // not fatal: the router answers 503 until the broker can be reached
            LOG.warn("Broker not reachable at start-up ({}); webhooks are answered 503 until it is", e.getMessage());
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        SenderLane[] stopping = lanes;
        lanes = new SenderLane[0];
        for (SenderLane lane : stopping) {
            lane.thread.interrupt();
        }
        for (SenderLane lane : stopping) {
            lane.thread.join(sendTimeout.toMillis());
        }
        Connection current = connection;
        if (current != null) {
            forget(current);
        }
    }

    private record Pending(Envelope envelope, CompletableFuture<Void> stored) {
    }

    /**
     * One sender thread, the events waiting for it, and the session and producer it alone uses, on the
     * connection they were made from.
     */
    private final class SenderLane implements Runnable {
        private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
        private final Thread thread;
        private Connection sessionConnection;
        private Session session;
        private MessageProducer producer;
        private final Map<String, Queue> queues = new HashMap<>();

        private SenderLane(int number) {
            thread = new Thread(this, "broker-sender-" + number);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<Pending> batch = new ArrayList<>();
            try {
                while (running) {
                    batch.add(waiting.take());
                    waiting.drainTo(batch, MAX_BATCH - 1);
                    // those whose request has already been answered 503
                    batch.removeIf(pending -> pending.stored.isDone());
                    if (!batch.isEmpty()) {
                        store(batch);
                    }
                    batch.clear();
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly();
                IllegalStateException stopped = new IllegalStateException("the router is stopping");
                batch.forEach(pending -> pending.stored.completeExceptionally(stopped));
                waiting.forEach(pending -> pending.stored.completeExceptionally(stopped));
            }
        }

        private void store(List<Pending> batch) {
            try {
                commit(batch);
                batch.forEach(pending -> pending.stored.complete(null));
            } catch (JMSException | RuntimeException e) {
                closeQuietly();
                if (!DuplicateRefusal.isCauseOf(e)) {
                    batch.forEach(pending -> pending.stored.completeExceptionally(e));
                } else if (batch.size() == 1) {
                    // the broker already holds it (Vonage retrying after a 503 that came too late): it is stored
                    batch.get(0).stored.complete(null);
                } else {
                    // one such event rolls back the whole transaction: each event on its own tells which
                    for (Pending pending : batch) {
                        if (!pending.stored.isDone()) {
                            store(List.of(pending));
                        }
                    }
                }
            }
        }

        private void commit(List<Pending> batch) throws JMSException {
            openOn(connection());
            Set<String> sent = new HashSet<>();
            for (Pending pending : batch) {
                // a second copy in one transaction would pass the broker's check as well: the first one stands for it
                if (sent.add(pending.envelope.duplicateId())) {
                    producer.send(queue(pending.envelope.queue()), message(pending.envelope));
                }
            }
            session.commit();
        }

        private void openOn(Connection current) throws JMSException {
            if (session == null || sessionConnection != current) {
                closeQuietly();
                session = current.createSession(true, Session.SESSION_TRANSACTED);
                producer = session.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                sessionConnection = current;
            }
        }

        private Queue queue(String name) throws JMSException {
            Queue queue = queues.get(name);
            if (queue == null) {
                queue = session.createQueue(name);
                queues.put(name, queue);
            }
            return queue;
        }

        private Message message(Envelope envelope) throws JMSException {
            Message message;
            if (envelope.text() != null) {
                message = session.createTextMessage(envelope.text());
            } else {
                BytesMessage bytes = session.createBytesMessage();
                bytes.writeBytes(envelope.bytes());
                message = bytes;
            }
            for (Map.Entry<String, String> property : envelope.properties().entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            message.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, envelope.duplicateId());
            return message;
        }

        private void closeQuietly() {
            Session current = session;
            session = null;
            producer = null;
            queues.clear();
            if (current != null) {
                try {
                    current.close();
                } catch (JMSException | RuntimeException e) {
                    LOG.debug("Closing a failed broker session failed too", e);
                }
            }
        }
    }
}
