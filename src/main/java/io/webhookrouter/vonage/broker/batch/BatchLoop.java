package io.webhookrouter.vonage.broker.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.webhookrouter.vonage.broker.DuplicateRefusal;

/**
 * One consuming thread with its own transacted session: takes the messages waiting for it (up to the batch size),
 * routes each through the route, and commits them together.
 * <ul>
 * <li>A message that fails rolls back its batch; the broker hands every message back with a higher delivery count,
 * and a message handed back (delivery count above 1) is routed in a transaction of its own, so a message that keeps
 * failing never holds up the others, and the route's dead-letter policy sees its attempts one by one.</li>
 * <li>A message whose own transaction the broker refused because a message the route sent carries a
 * de-duplication key it holds already (a copy of an event another router routed) would be refused forever: on
 * its next delivery it is acknowledged without being routed.</li>
 * <li>Two messages of one batch with the same de-duplication key: the second is acknowledged without being routed
 * (inside one transaction the broker would let both through).</li>
 * <li>With a marker address, each message's de-duplication key goes there, in a marker of its own (no body) sent in
 * the message's transaction before the route sees the message, and not to the route: the broker then refuses the
 * transaction of a second copy of it, however and whenever it was stored, and the destinations' addresses never
 * hold its key.</li>
 * </ul>
 */
final class BatchLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);
    private static final long RECEIVE_TIMEOUT_MILLIS = 500;
    private static final long RECOVERY_INTERVAL_MILLIS = 1000;
    private static final int REMEMBERED_REFUSALS = 10_000;

    private final BatchConsumer consumer;
    private final ConnectionFactory consuming;
    private final ConnectionFactory sending;
    private final String queue;
    /** Where each message's de-duplication key is marked as routed; null: nowhere, the route gets the key. */
    private final String markerAddress;
    private final int maxBatchSize;
    private final long lingerNanos;
    private final Thread thread;
    private final Set<String> refused = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REFUSALS;
        }
    });
    private volatile boolean running = true;
    private Connection connection;
    private Session session;
    private MessageConsumer receiver;
    private MessageProducer markers;
    /** Taken from the broker, to be routed in the next transaction. */
    private Message carried;

    BatchLoop(BatchConsumer consumer, ConnectionFactory consuming, ConnectionFactory sending, String queue,
              String markerAddress, int maxBatchSize, long lingerMillis, String threadName) {
        this.consumer = consumer;
        this.consuming = consuming;
        this.sending = sending;
        this.queue = queue;
        this.markerAddress = markerAddress;
        this.maxBatchSize = maxBatchSize;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.thread = new Thread(this, threadName);
        // a batch cut short by the JVM's exit is rolled back by the broker
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stopAfterBatch() {
        running = false;
    }

    void awaitStopped(long millis) throws InterruptedException {
        thread.join(millis);
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    open();
                    List<Message> batch = take();
                    if (!batch.isEmpty()) {
                        routeAndCommit(batch);
                    }
                } catch (JMSException | RuntimeException e) {
                    LOG.warn("Consuming {} failed ({}); reconnecting in {} ms", queue, e.toString(),
                            RECOVERY_INTERVAL_MILLIS);
                    close();
                    sleepQuietly();
                }
            }
        } finally {
            close();
        }
    }

    /**
     * The messages waiting, up to the batch size, and those that come within the linger after the first; a
     * handed-back message alone. The linger trades a few milliseconds of routing delay for fewer, larger
     * transactions when events trickle in: each commit costs a journal sync, a sync of every page file it wrote
     * and several thread hand-offs in the broker, whether it carries one event or a hundred.
     */
    private List<Message> take() throws JMSException {
        List<Message> batch = new ArrayList<>();
        Message first = carried != null ? carried : receiver.receive(RECEIVE_TIMEOUT_MILLIS);
        carried = null;
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long lingerEnds = System.nanoTime() + lingerNanos;
        while (!isHandedBack(first) && batch.size() < maxBatchSize) {
            Message next = receiver.receiveNoWait();
            if (next == null) {
                long lingering = lingerEnds - System.nanoTime();
                if (lingering <= 0 || !running) {
                    break;
                }
                // one nap for the rest of the linger rather than a wake-up per message: the broker meanwhile fills
                // the consumer's buffer
                LockSupport.parkNanos(lingering);
                continue;
            }
            if (isHandedBack(next)) {
                // it goes alone, in the next transaction
                carried = next;
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void routeAndCommit(List<Message> batch) throws JMSException {
        TransactionSynchronizationManager.bindResource(sending, new JmsResourceHolder(sending, connection, session));
        // committed, or rolled back by the broker itself: nothing left to roll back
        boolean settled = false;
        BeforeCommit beforeCommit = new BeforeCommit();
        try {
            Set<String> keys = new HashSet<>();
            for (Message message : batch) {
                String key = message.getStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY);
                if (refused.remove(message.getJMSMessageID())) {
                    LOG.info("Event {} was routed already (the broker refused to route it again); acknowledged", key);
                } else if (key != null && !keys.add(key)) {
                    LOG.info("Event {} came twice in one batch; the second copy is acknowledged, not routed", key);
                } else {
                    markRouted(key);
                    route(message, beforeCommit);
                }
            }
            runBeforeCommit(beforeCommit);
            session.commit();
            settled = true;
        } catch (JMSException commitRefused) {
            if (batch.size() == 1 && DuplicateRefusal.isCauseOf(commitRefused)) {
                refused.add(batch.get(0).getJMSMessageID());
                settled = true;
            } else {
                throw commitRefused;
            }
        } catch (RouteFailed failed) {
            // each failed attempt once, as Camel's JMS consumer did: the broker retries it after its back-off
            LOG.warn("{} of {} failed ({}); {} rolled back, the broker hands {} back after its redelivery delay",
                    failed.what, queue,
                    failed.getCause() == null ? "rolled back by the route" : failed.getCause().toString(),
                    batch.size() == 1 ? "it is" : "its batch of " + batch.size() + " is",
                    batch.size() == 1 ? "it" : "them");
            LOG.debug("The failure", failed.getCause());
        } finally {
            TransactionSynchronizationManager.unbindResource(sending);
            if (!settled) {
                rollbackQuietly();
            }
        }
    }

    /** The work the route's steps left for the commit; its failure fails the batch, as a step's would. */
    private static void runBeforeCommit(BeforeCommit beforeCommit) throws RouteFailed {
        try {
            beforeCommit.run();
        } catch (Exception e) {
            // not one event's failure: the log says so rather than blame "a message"
            throw new RouteFailed("The work its steps left for the commit", e);
        }
    }

    /**
     * A marker is a few bytes: sent by the route ({@code to: jms:topic:...}), it carried the whole event and every
     * header through Camel's JMS producer, 5% of the router's allocation per event and a sixth of the routing stage's
     * CPU.
     */
    private void markRouted(String key) throws JMSException {
        if (markers != null && key != null) {
            Message marker = session.createMessage();
            marker.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, key);
            markers.send(marker);
        }
    }

    private void route(Message message, BeforeCommit beforeCommit) throws JMSException, RouteFailed {
        Exchange exchange = consumer.createExchange(false);
        try {
            copyInto(message, exchange.getIn());
            exchange.setProperty(BeforeCommit.PROPERTY, beforeCommit);
            if (markers != null) {
                // the marker's, not the destinations': each address the route sends to would remember it
                exchange.getIn().removeHeader(DuplicateRefusal.DUPLICATE_ID_PROPERTY);
            }
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null || exchange.isRollbackOnly()) {
                throw RouteFailed.onEvent(message.getStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY),
                        exchange.getException());
            }
        } finally {
            consumer.releaseExchange(exchange, false);
        }
    }

    private static void copyInto(Message message, org.apache.camel.Message in) throws JMSException {
        for (Object name : Collections.list(message.getPropertyNames())) {
            in.setHeader((String) name, message.getObjectProperty((String) name));
        }
        in.setHeader("JMSMessageID", message.getJMSMessageID());
        in.setHeader("JMSXDeliveryCount", message.getIntProperty("JMSXDeliveryCount"));
        if (message instanceof TextMessage text) {
            in.setBody(text.getText());
        } else if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            in.setBody(body);
        } else {
            in.setBody(message.getBody(Object.class));
        }
    }

    private static boolean isHandedBack(Message message) throws JMSException {
        return message.getIntProperty("JMSXDeliveryCount") > 1;
    }

    private void open() throws JMSException {
        if (session == null) {
            connection = consuming.createConnection();
            session = ProducerCachingSession.wrap(connection.createSession(true, Session.SESSION_TRANSACTED));
            receiver = session.createConsumer(session.createQueue(queue));
            markers = markerAddress == null ? null : session.createProducer(session.createTopic(markerAddress));
            connection.start();
        }
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Rolling back a batch of {} failed", queue, e);
        }
    }

    private void close() {
        Connection current = connection;
        connection = null;
        session = null;
        receiver = null;
        markers = null;
        // closing hands it back to the broker
        carried = null;
        if (current != null) {
            try {
                current.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the connection of {} failed", queue, e);
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(RECOVERY_INTERVAL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The route failed on a message, or the batch's work before its commit did (the exception, if any, is the cause). */
    private static final class RouteFailed extends Exception {
        /** What failed, for the log: the event by its de-duplication key, or the batch's work. */
        private final String what;

        RouteFailed(String what, Throwable cause) {
            super(cause);
            this.what = what;
        }

        static RouteFailed onEvent(String key, Throwable cause) {
            return new RouteFailed(key == null ? "A message" : "Event " + key, cause);
        }
    }
}
