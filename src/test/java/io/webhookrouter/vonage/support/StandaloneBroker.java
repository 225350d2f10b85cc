package io.webhookrouter.vonage.support;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A plain Artemis broker on a free loopback port, in memory, for testing a client (the operator tools) without a
 * router consuming its queues.
 */
public final class StandaloneBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String url;

    public StandaloneBroker() throws Exception {
        url = "tcp://127.0.0.1:" + FreePorts.next();
        server.setConfiguration(new ConfigurationImpl()
                .setName("standalone-test-broker")
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", url));
        server.start();
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
