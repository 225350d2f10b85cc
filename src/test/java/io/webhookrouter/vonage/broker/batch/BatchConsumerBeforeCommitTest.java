package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.routing.DeliveryPolicy;
import io.webhookrouter.vonage.support.InVmBroker;

/** Work a route's steps leave for the end of their batch (the archive's file syncs), on a real broker. */
class BatchConsumerBeforeCommitTest {

    private static final String OUTBOX = "ops.outbox";
    private static final String DESTINATION = "ops.destination";

    @TempDir
    Path dataDir;
    private EmbeddedBroker broker;
    private ConnectionFactory connections;
    private CamelContext camel;
    private Connection connection;
    /** The events each run of the batch's work had gathered. */
    private final List<List<String>> runs = new CopyOnWriteArrayList<>();
    /** Runs of the work that fail before one succeeds. */
    private final AtomicInteger failuresToCome = new AtomicInteger();

    @BeforeEach
    void startBroker() throws Exception {
        // redelivered after 200 ms: a failed batch comes back quickly
        broker = InVmBroker.started(dataDir,
                new DeliveryPolicy(Duration.ofMillis(200), 5, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        connections = InVmBroker.connections();
        connection = connections.createConnection();
        connection.start();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        if (camel != null) {
            camel.stop();
        }
        broker.stop();
    }

    @Test
    void theWorkOfAllTheEventsOfABatchRunsOnceBeforeItCommits() throws Exception {
        for (int i = 1; i <= 3; i++) {
            store("event-" + i);
        }

        startRoute();

        assertThat(receiveFromDestination(3)).containsExactlyInAnyOrder("event-1", "event-2", "event-3");
        assertThat(runs).containsExactly(List.of("event-1", "event-2", "event-3"));
    }

    @Test
    void aBatchWhoseWorkFailsIsRolledBackAndEachEventArrivesOnceWhenItSucceeds() throws Exception {
        failuresToCome.set(1);
        for (int i = 1; i <= 3; i++) {
            store("event-" + i);
        }

        startRoute();

        // the failed batch's sends were rolled back with it: each event once, from its redelivery
        assertThat(receiveFromDestination(3)).containsExactlyInAnyOrder("event-1", "event-2", "event-3");
        assertThat(receiveFromDestination(1)).as("a copy the rolled-back batch left").isEmpty();
        Instant deadline = Instant.now().plusSeconds(10);
        while (broker.messageCountOrZero(OUTBOX) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(broker.messageCountOrZero(OUTBOX)).as("left in the outbox").isZero();
        assertThat(runs.get(0)).as("the first run, which failed").hasSize(3);
    }

    private void startRoute() throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(connections));
        camel.addComponent(BatchConsumerComponent.SCHEME, new BatchConsumerComponent());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:" + OUTBOX + "?maxBatchSize=16&lingerMillis=200")
                        .process(BatchConsumerBeforeCommitTest.this::leaveWorkForTheCommit)
                        .to("jms:queue:" + DESTINATION);
            }
        });
        camel.start();
    }

    private void leaveWorkForTheCommit(Exchange exchange) {
        BeforeCommit batch = exchange.getProperty(BeforeCommit.PROPERTY, BeforeCommit.class);
        batch.work(this, Gathered::new).events.add(exchange.getMessage().getBody(String.class));
    }

    private final class Gathered implements BeforeCommit.Work {
        private final List<String> events = new ArrayList<>();

        @Override
        public void run() {
            runs.add(List.copyOf(events));
            if (failuresToCome.getAndDecrement() > 0) {
                throw new IllegalStateException("the work before the commit failed, on purpose");
            }
        }
    }

    private void store(String body) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(OUTBOX))) {
            producer.send(session.createTextMessage(body));
        }
    }

    private List<String> receiveFromDestination(int count) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(DESTINATION))) {
            Instant deadline = Instant.now().plusSeconds(20);
            while (bodies.size() < count && Instant.now().isBefore(deadline)) {
                TextMessage message = (TextMessage) consumer.receive(count == 1 ? 1000 : 100);
                if (message != null) {
                    bodies.add(message.getText());
                } else if (count == 1) {
                    break;
                }
            }
        }
        return bodies;
    }
}
