package io.webhookrouter.vonage.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.event.MessagesApi;

/** Empties the routed queues of a router's broker into a {@link Ledger}, as a downstream consumer would. */
public final class Destinations {

    /** How long nothing new must come before the destinations count as settled. */
    private static final long QUIET_MILLIS = 3000;

    private Destinations() {
    }

    /**
     * Every destination queue of the tests' routing table ({@link RouterHome}): one per known channel and status,
     * and one for the unknown ones. Named here and not asked of the broker: it makes a queue when the first event
     * is sent to it, and the drain must wait on the queues that are still to come.
     */
    public static List<String> routedQueues() {
        List<String> queues = new ArrayList<>();
        for (String channel : MessagesApi.CHANNELS) {
            queues.add("vonage.inbound." + channel);
        }
        queues.add("vonage.inbound.unknown");
        for (String status : MessagesApi.STATUSES) {
            queues.add("vonage.status." + status);
        }
        queues.add("vonage.status.unknown");
        return queues;
    }

    /**
     * Consumes the routed queues, writing every event found into the ledger, until every acknowledged event has
     * been found, the ingest queue is empty and nothing new has come for a while (time for a duplicate to show);
     * returns how many messages the dead-letter queue holds.
     * <p>
     * A quiet spell alone does not mean the routing is done: a queue browser does not see the messages a routing
     * consumer holds (prefetched, or in a transaction), and on a loaded machine a restarted router can take
     * longer than the spell to route them. So it waits for what the ledger says must come; if that never comes,
     * it returns at the deadline and the test's own check names what is missing.
     */
    public static int drainInto(Ledger ledger, String brokerUrl, Duration within) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<MessageConsumer> consumers = new ArrayList<>();
            for (String queue : routedQueues()) {
                consumers.add(session.createConsumer(session.createQueue(queue)));
            }
            Instant deadline = Instant.now().plus(within);
            Instant quietSince = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                boolean gotAny = false;
                for (MessageConsumer consumer : consumers) {
                    Message message;
                    while ((message = consumer.receiveNoWait()) != null) {
                        ledger.found(key(message));
                        gotAny = true;
                    }
                }
                if (gotAny || count(session, VonageQueues.INGEST) > 0 || !ledger.lost().isEmpty()) {
                    quietSince = Instant.now();
                } else if (Duration.between(quietSince, Instant.now()).toMillis() > QUIET_MILLIS) {
                    return count(session, VonageQueues.DEAD);
                }
                Thread.sleep(200);
            }
            if (!ledger.lost().isEmpty() && count(session, VonageQueues.INGEST) == 0) {
                return count(session, VonageQueues.DEAD);
            }
            throw new AssertionError("destinations did not settle within " + within + ": " + ledger);
        }
    }

    public static String key(Message message) throws JMSException {
        String uuid = message.getStringProperty("VonageMessageUuid");
        return "inbound".equals(message.getStringProperty("VonageEventType"))
                ? "inbound:" + uuid
                : "status:" + uuid + ":" + message.getStringProperty("VonageStatus");
    }

    private static int count(Session session, String queue) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            return java.util.Collections.list(browser.getEnumeration()).size();
        }
    }
}
