package io.webhookrouter.vonage.tools.deadletters;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.ingest.EventProperties;

/**
 * Moves one dead letter back into routing, exactly once: in one JMS transaction it takes the message from the
 * dead-letter queue and sends its {@link ReplayCopy} to {@code vonage.ingest}. Both happen, or neither: a replay
 * that fails leaves the message where it was.
 */
final class DeadLetterReplay {

    /** How long to wait for the named message once the consumer is open; it is there at once if it is there. */
    private static final long RECEIVE_TIMEOUT_MILLIS = 2000;

    private final Connection connection;

    DeadLetterReplay(Connection connection) {
        this.connection = connection;
    }

    ReplayOutcome replay(String queue, String messageId) {
        Session session = null;
        try {
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Message dead;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                    "JMSMessageID = '" + messageId.replace("'", "''") + "'")) {
                dead = consumer.receive(RECEIVE_TIMEOUT_MILLIS);
            }
            if (dead == null) {
                session.rollback();
                return ReplayOutcome.notFound(messageId);
            }
            try (MessageProducer producer = session.createProducer(session.createQueue(VonageQueues.INGEST))) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producer.send(ReplayCopy.of(dead, session));
            }
            session.commit();
            return ReplayOutcome.replayed(messageId, describe(dead));
        } catch (JMSException | RuntimeException e) {
            rollBack(session);
            return ReplayOutcome.failed(messageId, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            close(session);
        }
    }

    private static String describe(Message dead) throws JMSException {
        String status = dead.getStringProperty(EventProperties.STATUS);
        return dead.getStringProperty(EventProperties.EVENT_TYPE) + " "
                + dead.getStringProperty(EventProperties.MESSAGE_UUID) + (status == null ? "" : "/" + status);
    }

    private static void rollBack(Session session) {
        if (session != null) {
            try {
                session.rollback();
            } catch (JMSException | RuntimeException ignored) {
                // closing the session rolls back too
            }
        }
    }

    private static void close(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (JMSException | RuntimeException ignored) {
                // nothing was committed that closing could lose
            }
        }
    }
}
