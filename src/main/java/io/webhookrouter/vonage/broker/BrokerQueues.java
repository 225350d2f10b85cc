package io.webhookrouter.vonage.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.api.config.ActiveMQDefaultConfiguration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Asks a broker which queues it has, with the messages in each, through its management address: one request over
 * the connection a client has anyway, no JMX. The same for the embedded broker (through its listener) and an
 * external one (whose user then needs the manage permission). The broker's and clients' temporary queues are left
 * out: what remains is the queues the router made and those the routes made by sending to them.
 */
public final class BrokerQueues {

    private static final String MANAGEMENT = ActiveMQDefaultConfiguration.getDefaultManagementAddress().toString();
    private static final String NOT_TEMPORARY =
            "{\"field\":\"temporary\",\"operation\":\"EQUALS\",\"value\":\"false\",\"sortField\":\"name\",\"sortOrder\":\"asc\"}";
    /** One page of Artemis's listing; far more queues than a routing table has. */
    private static final int PAGE_SIZE = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A queue and the messages it holds when asked. */
    public record Queue(String name, long messages) {
    }

    private BrokerQueues() {
    }

    /** The queues, by name; the connection must be started. */
    public static List<Queue> list(Connection connection, Duration timeout) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT));
                 MessageConsumer answers = session.createConsumer(replies)) {
                Message request = session.createMessage();
                JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "listQueues",
                        NOT_TEMPORARY, 1, PAGE_SIZE);
                request.setJMSReplyTo(replies);
                producer.send(request);
                return parse(answer(answers.receive(timeout.toMillis()), timeout));
            } finally {
                replies.delete();
            }
        }
    }

    /** Just the names. */
    public static List<String> names(Connection connection, Duration timeout) throws JMSException {
        return list(connection, timeout).stream().map(Queue::name).toList();
    }

    private static String answer(Message reply, Duration timeout) throws JMSException {
        if (reply == null) {
            throw new JMSException("the broker did not answer on " + MANAGEMENT + " within " + timeout);
        }
        Object result;
        try {
            result = JMSManagementHelper.getResult(reply, String.class);
        } catch (Exception e) {
            throw withCause(new JMSException("unreadable answer from " + MANAGEMENT + ": " + e.getMessage()), e);
        }
        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
            throw new JMSException("the broker refused to list its queues: " + result);
        }
        return String.valueOf(result);
    }

    private static List<Queue> parse(String listing) throws JMSException {
        List<Queue> queues = new ArrayList<>();
        try {
            for (JsonNode queue : JSON.readTree(listing).path("data")) {
                if (!queue.path("internalQueue").asBoolean(false)) {
                    queues.add(new Queue(queue.path("name").asText(), queue.path("messageCount").asLong()));
                }
            }
        } catch (java.io.IOException e) {
            throw withCause(new JMSException("unreadable queue listing from the broker: " + e.getMessage()), e);
        }
        return queues;
    }

    private static JMSException withCause(JMSException failure, Exception cause) {
        failure.setLinkedException(cause);
        failure.initCause(cause);
        return failure;
    }
}
