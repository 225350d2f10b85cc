package io.webhookrouter.vonage.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.support.InVmBroker;

/**
 * A destination queue pages as soon as its consumer falls some 150 events behind (its share of the broker's memory),
 * and reads only a little of it back into memory at a time. A consumer that acknowledges lazily (DUPS_OK, whose
 * Artemis client acknowledges every 1 MiB, or a transaction of a few hundred events) must still get every event.
 */
class PagingDestinationQueueTest {

    private static final String DESTINATION = "vonage.inbound.sms";
    /** About 5 MiB of events of a typical size: the queue pages for most of them. */
    private static final int EVENTS = 2_000;
    private static final String EVENT = "{\"channel\":\"sms\",\"text\":\"" + "x".repeat(1_200) + "\"}";
    /** Long enough for a broker on a slow machine; a queue that stopped dispatching gives nothing more at all. */
    private static final long QUIET_MILLIS = 5_000;

    @TempDir
    Path dataDir;
    private EmbeddedBroker broker;
    private Connection connection;

    @BeforeEach
    void startBrokerWithAPagingDestinationQueue() throws Exception {
        broker = InVmBroker.started(dataDir);
        // the client's own defaults, as a consumer of the destination queues has them: no router settings
        connection = new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL).createConnection();
        connection.start();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue(DESTINATION));
        for (int i = 0; i < EVENTS; i++) {
            producer.send(session.createTextMessage(EVENT));
            if (i % 100 == 99) {
                session.commit();
            }
        }
        session.commit();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        broker.stop();
    }

    @Test
    void aConsumerThatAcknowledgesEveryMebibyteGetsEveryEventOfAQueueThatPages() throws JMSException {
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);

        assertThat(drain(session)).isEqualTo(EVENTS);
    }

    @Test
    void aConsumerThatCommitsFiveHundredEventsAtATimeGetsEveryEventOfAQueueThatPages() throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);

        assertThat(drain(session)).isEqualTo(EVENTS);
    }

    /** Receives every event, or until none comes for a while; commits every 500 if the session is transacted. */
    private static int drain(Session session) throws JMSException {
        int received = 0;
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(DESTINATION))) {
            while (received < EVENTS && consumer.receive(QUIET_MILLIS) != null) {
                received++;
                if (session.getTransacted() && received % 500 == 0) {
                    session.commit();
                }
            }
            if (session.getTransacted()) {
                session.commit();
            }
        }
        return received;
    }
}
