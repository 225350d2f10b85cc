package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.broker.DuplicateRefusal;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.routing.DeliveryPolicy;
import io.webhookrouter.vonage.support.InVmBroker;

/** The routing stage marks each event routed by its key, in the event's transaction, on a real broker. */
class BatchConsumerMarkerTest {

    private static final String INGEST = "ops.ingest";
    private static final String ROUTED = "ops.routed";
    private static final String DESTINATION = "ops.destination";

    @TempDir
    Path dataDir;
    private EmbeddedBroker broker;
    private ConnectionFactory connections;
    private CamelContext camel;
    private Connection connection;

    @BeforeEach
    void startBrokerAndRoute() throws Exception {
        // redelivered after 200 ms: a refused routing transaction comes back quickly
        broker = InVmBroker.started(dataDir,
                new DeliveryPolicy(Duration.ofMillis(200), 2, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        connections = InVmBroker.connections();
        camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(connections));
        camel.addComponent(BatchConsumerComponent.SCHEME, new BatchConsumerComponent().markRoutedOn(INGEST, ROUTED));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:" + INGEST).to("jms:queue:" + DESTINATION);
            }
        });
        camel.start();
        connection = connections.createConnection();
        connection.start();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        camel.stop();
        broker.stop();
    }

    @Test
    void anEventIsRoutedWithoutItsKeyAndItsKeyIsMarkedRouted() throws Exception {
        store("event-1", "key-1");

        Message routed = receiveFromDestination(Duration.ofSeconds(20));
        assertThat(routed).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) routed).getText()).isEqualTo("event-1");
        // the destination's address would otherwise remember the key
        assertThat(routed.getStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY)).isNull();
        // the broker holds the marker's key: a second marker with it is refused
        JMSException refused = catchThrowableOfType(() -> mark("key-1"), JMSException.class);
        assertThat(DuplicateRefusal.isCauseOf(refused)).as("refused as a duplicate: %s", refused).isTrue();
    }

    @Test
    void anEventMarkedRoutedAlreadyIsAcknowledgedWithoutReachingADestination() throws Exception {
        // another router routed a copy of it
        mark("key-2");

        store("event-2", "key-2");

        Instant deadline = Instant.now().plusSeconds(20);
        while (broker.messageCountOrZero(INGEST) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(broker.messageCountOrZero(INGEST)).as("left in the ingest queue").isZero();
        assertThat(receiveFromDestination(Duration.ofSeconds(1))).as("routed again").isNull();
    }

    private void store(String body, String key) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(INGEST))) {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, key);
            producer.send(message);
        }
    }

    private void mark(String key) throws JMSException {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createTopic(ROUTED))) {
            Message marker = session.createMessage();
            marker.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, key);
            producer.send(marker);
            session.commit();
        }
    }

    private Message receiveFromDestination(Duration timeout) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(DESTINATION))) {
            return consumer.receive(timeout.toMillis());
        }
    }
}
