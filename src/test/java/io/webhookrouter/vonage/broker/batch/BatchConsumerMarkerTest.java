package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.broker.DuplicateRefusal;

/** The routing stage marks each event routed by its key, in the event's transaction, on a real broker. */
class BatchConsumerMarkerTest {

    private static final String INGEST = "ops.ingest";
    private static final String ROUTED = "ops.routed";
    private static final String DESTINATION = "ops.destination";

    @TempDir
    Path dataDir;
    private BatchRouteFixture fixture;

    @BeforeEach
    void startBrokerAndRoute() throws Exception {
        // a refused routing transaction comes back quickly
        fixture = BatchRouteFixture.started(dataDir, BatchRouteFixture.QUICK_REDELIVERY);
        fixture.startRoutes(new BatchConsumerComponent().markRoutedOn(INGEST, ROUTED), new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:" + INGEST).to("jms:queue:" + DESTINATION);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anEventIsRoutedWithoutItsKeyAndItsKeyIsMarkedRouted() throws Exception {
        fixture.store(INGEST, "event-1", "key-1");

        Message routed = fixture.receiveOne(DESTINATION, Duration.ofSeconds(20));
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

        fixture.store(INGEST, "event-2", "key-2");

        fixture.awaitEmpty(INGEST);
        assertThat(fixture.broker.messageCountOrZero(INGEST)).as("left in the ingest queue").isZero();
        assertThat(fixture.receiveOne(DESTINATION, Duration.ofSeconds(1))).as("routed again").isNull();
    }

    private void mark(String key) throws JMSException {
        try (Session session = fixture.connection().createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createTopic(ROUTED))) {
            Message marker = session.createMessage();
            marker.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, key);
            producer.send(marker);
            session.commit();
        }
    }
}
