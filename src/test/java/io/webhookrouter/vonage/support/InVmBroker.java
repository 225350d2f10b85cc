package io.webhookrouter.vonage.support;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.broker.BrokerConnectionFactory;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.routing.DeliveryPolicy;

/** The router's embedded broker in the test's own JVM, for a test of one piece on a real broker: no TCP port. */
public final class InVmBroker {

    /** The router's default back-off: 1 s doubling to 5 min, for a day. */
    public static final DeliveryPolicy DEFAULT_POLICY = new DeliveryPolicy(Duration.ofSeconds(1), 2,
            Duration.ofMinutes(5), Duration.ofHours(24));

    private InVmBroker() {
    }

    public static EmbeddedBroker started(Path dataDir) throws Exception {
        return started(dataDir, DEFAULT_POLICY);
    }

    /** Started with its journal under {@code dataDir}, 1,000 de-duplication keys per address and 64 MiB of memory. */
    public static EmbeddedBroker started(Path dataDir, DeliveryPolicy policy) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, 0, 1000, policy, 90, 64);
        broker.start();
        return broker;
    }

    /** A connection factory for it, as the router makes one. */
    public static ActiveMQConnectionFactory connections() {
        return BrokerConnectionFactory.create(null, null, null, Duration.ofSeconds(5));
    }
}
