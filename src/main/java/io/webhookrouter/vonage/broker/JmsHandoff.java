package io.webhookrouter.vonage.broker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable hand-off: one persistent, broker-confirmed JMS send per event.
 * <p>
 * Sessions are not thread-safe, so each send borrows one of a bounded pool of session/producer pairs. A send
 * returns only once the broker has confirmed that the message is stored; the connection factory's call timeout
 * bounds how long that may take, and a pair that failed is thrown away rather than reused.
 */
public final class JmsHandoff extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JmsHandoff.class);
    /** Artemis's duplicate-detection header: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

    private final ConnectionFactory connectionFactory;
    private final Duration sendTimeout;
    private final BlockingQueue<PooledProducer> idle;
    private final Semaphore permits;
    private volatile Connection connection;

    public JmsHandoff(ConnectionFactory connectionFactory, int poolSize, Duration sendTimeout) {
        this.connectionFactory = connectionFactory;
        this.sendTimeout = sendTimeout;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        this.permits = new Semaphore(poolSize);
    }

    /** Returns when the broker has stored the message; throws when that is not confirmed in time. */
    public void store(Envelope envelope) throws HandoffFailed {
        PooledProducer producer = borrow();
        try {
            producer.send(envelope);
        } catch (JMSException | RuntimeException e) {
            discard(producer);
            producer = null;
            throw new HandoffFailed("persistent send to " + envelope.queue() + " not confirmed", e);
        } finally {
            if (producer != null) {
                idle.offer(producer);
                permits.release();
            }
        }
    }

    private PooledProducer borrow() throws HandoffFailed {
        try {
            if (!permits.tryAcquire(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HandoffFailed("no broker session free within " + sendTimeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandoffFailed("interrupted while waiting for a broker session", e);
        }
        PooledProducer pooled = idle.poll();
        if (pooled != null) {
            return pooled;
        }
        try {
            Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            return new PooledProducer(session, producer);
        } catch (JMSException | RuntimeException e) {
            permits.release();
            throw new HandoffFailed("cannot open a broker session", e);
        }
    }

    private void discard(PooledProducer producer) {
        permits.release();
        try {
            producer.session.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Closing a failed broker session failed too", e);
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

    private synchronized void forget(Connection failed) {
        if (connection == failed) {
            connection = null;
            idle.clear();
            try {
                failed.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing a failed broker connection failed too", e);
            }
        }
    }

    @Override
    protected void doStart() {
        try {
            connection();
        } catch (JMSException | RuntimeException e) {
            // not fatal: the router answers 503 until the broker can be reached
            LOG.warn("Broker not reachable at start-up ({}); webhooks are answered 503 until it is", e.getMessage());
        }
    }

    @Override
    protected void doStop() {
        Connection current = connection;
        if (current != null) {
            forget(current);
        }
    }

    private static final class PooledProducer {
        private final Session session;
        private final MessageProducer producer;

        private PooledProducer(Session session, MessageProducer producer) {
            this.session = session;
            this.producer = producer;
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
    }
}
