package io.webhookrouter.vonage.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.broker.BrokerQueues;
import io.webhookrouter.vonage.broker.VonageQueues;

/**
 * Checks the router's promise after a run: every 200 is an event in the broker. It empties every queue the broker
 * has (asked of the broker at each sweep, so that whatever the route files send to is counted) over the embedded
 * broker's loopback listener, counting distinct events (message uuid + status), until {@value #QUIET_SWEEPS}
 * sweeps in a row find nothing more. An event in several queues (its destination and an outbox, say) counts once.
 * Each message's body must be the event its properties name (a text message whose JSON has that {@code message_uuid}
 * and status): the properties alone would pass a route that sends every event with an empty or wrong body.
 * <p>
 * When the destination queues were consumed while the load ran ({@link DownstreamConsumers}), what they took is
 * in the same tally, and the audit counts what is left.
 * <p>
 * Why consume rather than browse: a routing stage may be moving events from the ingest queue to the destinations
 * meanwhile (an event inside its transaction is in neither), and Artemis's browsers stop early on large queues
 * that are being consumed. Consuming until nothing more comes waits for the routing stage's last transactions,
 * and the router is thrown away after the audit anyway (it ran on a fresh DATA_DIR).
 */
public final class BrokerAudit {

    private static final int QUIET_SWEEPS = 3;
    private static final long RECEIVE_WAIT_MILLIS = 200;
    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(30);
    /** Not part of the count, but an event found there explains a VOID run. */
    private static final List<String> DIAGNOSTIC_QUEUES = List.of(VonageQueues.INVALID, VonageQueues.DEAD);

    /**
     * @param distinctEvents  distinct events found in the counted queues
     * @param messagesByQueue messages taken from each non-empty queue, the diagnostic ones included
     * @param damagedBodies   messages of the counted queues whose body is not the event their properties name
     * @param settled         false if messages were still arriving when the audit gave up
     */
    public record Result(long expected200s, long distinctEvents, Map<String, Long> messagesByQueue, long damagedBodies,
                         boolean settled, Duration took) {

        public boolean valid() {
            return settled && distinctEvents == expected200s && damagedBodies == 0;
        }
    }

    private BrokerAudit() {
    }

    /** Every queue on the broker but the diagnostic ones. */
    static List<String> countedQueues(Connection connection) throws JMSException {
        return BrokerQueues.names(connection, LISTING_TIMEOUT).stream()
                .filter(queue -> !DIAGNOSTIC_QUEUES.contains(queue))
                .toList();
    }

    /** @param tally what was taken from the broker before the audit (nothing, or the destination queues' consumers') */
    public static Result count(int brokerPort, long expected200s, Duration giveUpAfter, EventTally tally)
            throws JMSException {
        long start = System.nanoTime();
        long giveUp = start + giveUpAfter.toNanos();
        try (ActiveMQConnectionFactory factory = loopback(brokerPort);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            int quietSweeps = 0;
            while (quietSweeps < QUIET_SWEEPS && System.nanoTime() < giveUp) {
                long taken = 0;
                for (String queue : countedQueues(connection)) {
                    taken += drain(session, queue, giveUp, message -> tally.count(queue, message));
                }
                for (String queue : DIAGNOSTIC_QUEUES) {
                    taken += drain(session, queue, giveUp, message -> tally.taken(queue + " (not counted)"));
                }
                quietSweeps = taken == 0 ? quietSweeps + 1 : 0;
            }
            return new Result(expected200s, tally.distinctEvents(), tally.messagesByQueue(), tally.damagedBodies(),
                    quietSweeps >= QUIET_SWEEPS, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Connections to the embedded broker's loopback listener, as the harness makes them. */
    static ActiveMQConnectionFactory loopback(int brokerPort) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
    }

    private interface MessageVisitor {
        void visit(Message message) throws JMSException;
    }

    private static long drain(Session session, String queue, long giveUp, MessageVisitor visitor)
            throws JMSException {
        long taken = 0;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            Message message;
            while (System.nanoTime() < giveUp && (message = consumer.receive(RECEIVE_WAIT_MILLIS)) != null) {
                visitor.visit(message);
                taken++;
            }
        }
        return taken;
    }
}
