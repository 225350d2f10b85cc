package io.webhookrouter.vonage.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.broker.BrokerQueues;

/** Reads what the router stored, the way any consumer would: through the broker's own client. */
public final class BrokerProbe implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    public BrokerProbe(String url) throws JMSException {
        connection = new ActiveMQConnectionFactory(url).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Every queue the broker has now (the ones the routes made on first use among them). */
    public List<String> queues() throws JMSException {
        return BrokerQueues.names(connection, java.time.Duration.ofSeconds(10));
    }

    /** The messages now in the queue that match the JMS selector (null for all), without consuming them. */
    public List<Message> browse(String queue, String selector) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), selector)) {
            return new ArrayList<>(Collections.list(browser.getEnumeration()).stream()
                    .map(Message.class::cast).toList());
        }
    }

    public List<Message> browseUuid(String queue, String messageUuid) throws JMSException {
        return browse(queue, "VonageMessageUuid = '" + messageUuid + "'");
    }

    /** Takes the next message matching the selector, waiting up to the timeout; null if none came. */
    public Message receive(String queue, String selector, long timeoutMillis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            return consumer.receive(timeoutMillis);
        }
    }

    /** Empties a queue; returns how many messages it held. */
    public int drain(String queue) throws JMSException {
        int count = 0;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (consumer.receive(200) != null) {
                count++;
            }
        }
        return count;
    }

    public static byte[] bytes(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        BytesMessage bytes = (BytesMessage) message;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        return body;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
