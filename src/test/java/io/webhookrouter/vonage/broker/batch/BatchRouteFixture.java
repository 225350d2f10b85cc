package io.webhookrouter.vonage.broker.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

import io.webhookrouter.vonage.broker.DuplicateRefusal;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.routing.DeliveryPolicy;
import io.webhookrouter.vonage.support.InVmBroker;

/**
 * What the {@code jms-batch:} consumer's tests stand on: a real embedded broker, a JMS connection to it for storing
 * and reading events, and a Camel context with the batch component for the route under test.
 */
final class BatchRouteFixture implements AutoCloseable {

    /** A failed batch is delivered again after 200 ms, so that a test of a rollback does not wait. */
    static final DeliveryPolicy QUICK_REDELIVERY =
            new DeliveryPolicy(Duration.ofMillis(200), 5, Duration.ofSeconds(1), Duration.ofMinutes(1));

    final EmbeddedBroker broker;
    private final ConnectionFactory connections;
    private final Connection connection;
    private CamelContext camel;

    private BatchRouteFixture(EmbeddedBroker broker) throws JMSException {
        this.broker = broker;
        this.connections = InVmBroker.connections();
        this.connection = connections.createConnection();
        connection.start();
    }

    static BatchRouteFixture started(Path dataDir) throws Exception {
        return new BatchRouteFixture(InVmBroker.started(dataDir));
    }

    static BatchRouteFixture started(Path dataDir, DeliveryPolicy policy) throws Exception {
        return new BatchRouteFixture(InVmBroker.started(dataDir, policy));
    }

    /** Starts {@code routes} in a Camel context whose {@code jms-batch:} scheme is {@code component}. */
    void startRoutes(BatchConsumerComponent component, RouteBuilder routes) throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(connections));
        camel.addComponent(BatchConsumerComponent.SCHEME, component);
        camel.addRoutes(routes);
        camel.start();
    }

    void store(String queue, String body) throws JMSException {
        store(queue, body, null);
    }

    /** Stores {@code body} on {@code queue}, with the duplicate key {@code key} unless it is null. */
    void store(String queue, String body, String key) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            TextMessage message = session.createTextMessage(body);
            if (key != null) {
                message.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, key);
            }
            producer.send(message);
        }
    }

    /** The bodies of up to {@code count} events from {@code queue}, waiting up to 20 s for them. */
    List<String> receive(String queue, int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            Instant deadline = Instant.now().plusSeconds(20);
            while (bodies.size() < count && Instant.now().isBefore(deadline)) {
                TextMessage message = (TextMessage) consumer.receive(100);
                if (message != null) {
                    bodies.add(message.getText());
                }
            }
        }
        return bodies;
    }

    /** One message from {@code queue}, or null when none came within {@code timeout}. */
    Message receiveOne(String queue, Duration timeout) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(timeout.toMillis());
        }
    }

    /** Waits up to 10 s for {@code queue} to be empty; the caller asserts that it is. */
    void awaitEmpty(String queue) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (broker.messageCountOrZero(queue) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws Exception {
        connection.close();
        if (camel != null) {
            camel.stop();
        }
        broker.stop();
    }
}
