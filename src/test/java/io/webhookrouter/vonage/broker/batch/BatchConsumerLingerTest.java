package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.support.InVmBroker;

/** A batch waits its linger for more events after the first, on a real broker. */
class BatchConsumerLingerTest {

    /** Long beside the gap between the two events, so that a slow machine does not split the batch. */
    private static final long LINGER_MILLIS = 3_000;
    private static final long GAP_MILLIS = 200;

    @TempDir
    Path dataDir;
    private EmbeddedBroker broker;
    private ConnectionFactory connections;
    private CamelContext camel;
    private final Map<String, Long> routedAt = new ConcurrentHashMap<>();
    private final CountDownLatch bothRouted = new CountDownLatch(2);

    @BeforeEach
    void startBrokerAndRoute() throws Exception {
        broker = InVmBroker.started(dataDir);
        connections = InVmBroker.connections();
        camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(connections));
        camel.addComponent(BatchConsumerComponent.SCHEME, new BatchConsumerComponent());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:ops.linger?lingerMillis=" + LINGER_MILLIS).process(exchange -> {
                    routedAt.put(exchange.getIn().getBody(String.class), System.nanoTime());
                    bothRouted.countDown();
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        broker.stop();
    }

    @Test
    void anEventThatComesWithinTheLingerIsRoutedInTheBatchOfTheOneBeforeIt() throws Exception {
        send("first");
        Thread.sleep(GAP_MILLIS);
        long secondSentAt = System.nanoTime();
        send("second");

        assertThat(bothRouted.await(30, TimeUnit.SECONDS)).isTrue();
        // a batch is taken whole before its first event is routed: the first waited for the second
        assertThat(routedAt.get("first")).isGreaterThan(secondSentAt);
    }

    private void send(String body) throws Exception {
        try (Connection connection = connections.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("ops.linger"));
            producer.send(session.createTextMessage(body));
        }
    }
}
