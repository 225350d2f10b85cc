package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.connection.JmsResourceHolder;

import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.support.InVmBroker;

/** The batch session keeps one producer per destination open for the route's sends, on a real broker. */
class ProducerCachingSessionTest {

    @TempDir
    Path dataDir;
    private EmbeddedBroker broker;
    private Connection connection;
    private Session session;

    @BeforeEach
    void openSession() throws Exception {
        broker = InVmBroker.started(dataDir);
        connection = InVmBroker.connections().createConnection();
        connection.start();
        session = ProducerCachingSession.wrap(connection.createSession(true, Session.SESSION_TRANSACTED));
    }

    @AfterEach
    void stopBroker() throws Exception {
        connection.close();
        broker.stop();
    }

    @Test
    void sendsToOneQueueShareAProducerThatATemplatesCloseLeavesOpen() throws Exception {
        Queue queue = session.createQueue("ops.cached");
        MessageProducer first = session.createProducer(queue);
        first.send(session.createTextMessage("one"));
        first.close();
        MessageProducer second = session.createProducer(session.createQueue("ops.cached"));
        second.send(session.createTextMessage("two"));
        second.close();
        session.commit();

        assertThat(second).isSameAs(first);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(5000).getBody(String.class)).isEqualTo("one");
        assertThat(consumer.receive(5000).getBody(String.class)).isEqualTo("two");
        session.commit();
    }

    @Test
    void theSessionIsEqualToItselfAsSpringsTransactionResourcesLookItUp() {
        JmsResourceHolder holder = new JmsResourceHolder(connection, session);

        assertThat(holder.containsSession(session)).isTrue();
    }

    @Test
    void closingTheSessionClosesItsProducers() throws Exception {
        MessageProducer producer = session.createProducer(session.createQueue("ops.cached"));
        Message message = session.createTextMessage("after");
        session.close();

        assertThatThrownBy(() -> producer.send(message))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);
    }
}
