package io.webhookrouter.vonage.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable hand-off: one persistent, broker-confirmed JMS send per event, or a {@link HandoffFailed} within
 * the send timeout.
 * <p>
 * The sends run on a fixed set of sender threads, each with a session and producer of its own (JMS sessions are
 * not thread-safe), and the request thread waits for its send with the timeout. The JMS client can block far
 * longer than its own timeouts while it reconnects (creating a session waits for the connection's lock), so
 * the request thread never makes a JMS call itself: whatever the broker does, the answer comes in time.
 */
public final class JmsHandoff extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JmsHandoff.class);
    /** Artemis's duplicate-detection header: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

    private final ConnectionFactory connectionFactory;
    private final Duration sendTimeout;
    private final int senderCount;
    private final ThreadLocal<SenderSession> senderSession = new ThreadLocal<>();
    private ExecutorService senders;
    private volatile Connection connection;
    /** Between the client noticing a lost broker and its reconnection (or fail-over) to one. */
    private volatile boolean reconnecting;

    public JmsHandoff(ConnectionFactory connectionFactory, int senderCount, Duration sendTimeout) {
        this.connectionFactory = connectionFactory;
        this.senderCount = senderCount;
        this.sendTimeout = sendTimeout;
    }

    /** Returns when the broker has stored the message; throws when that is not confirmed within the timeout. */
    public void store(Envelope envelope) throws HandoffFailed {
        Future<?> sent = senders.submit(() -> {
            send(envelope);
            return null;
        });
        try {
            sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not interrupted if already running: the client is left to finish or fail its call on its own
            sent.cancel(false);
            throw new HandoffFailed("persistent send to " + envelope.queue() + " not confirmed within "
                    + sendTimeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw new HandoffFailed("persistent send to " + envelope.queue() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandoffFailed("interrupted while waiting for the broker", e);
        }
    }

    /** Runs on a sender thread. */
    private void send(Envelope envelope) throws JMSException {
        SenderSession session = senderSession.get();
        Connection current = connection();
        if (session == null || session.connection != current) {
            session = new SenderSession(current);
            senderSession.set(session);
        }
        try {
            session.send(envelope);
        } catch (JMSException | RuntimeException e) {
            senderSession.remove();
            session.closeQuietly();
            throw e;
        }
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
        senders = Executors.newFixedThreadPool(senderCount, new SenderThreads());
        try {
            connection();
        } catch (JMSException | RuntimeException e) {
            // not fatal: the router answers 503 until the broker can be reached
            LOG.warn("Broker not reachable at start-up ({}); webhooks are answered 503 until it is", e.getMessage());
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        senders.shutdown();
        if (!senders.awaitTermination(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
        }
        Connection current = connection;
        if (current != null) {
            forget(current);
        }
    }

    /** A sender thread's own session and producer, on the connection it was made from. */
    private static final class SenderSession {
        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;

        private SenderSession(Connection connection) throws JMSException {
            this.connection = connection;
            this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            this.producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        private void send(Envelope envelope) throws JMSException {
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
            message.setStringProperty(DUPLICATE_ID_PROPERTY, envelope.duplicateId());
            producer.send(session.createQueue(envelope.queue()), message);
        }

        private void closeQuietly() {
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing a failed broker session failed too", e);
            }
        }
    }

    private static final class SenderThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "broker-sender-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
