package io.webhookrouter.vonage.tools.deadletters;

import java.time.Duration;
import java.util.Map;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import io.webhookrouter.vonage.RouterDefaults;
import io.webhookrouter.vonage.broker.BrokerConnectionFactory;
import io.webhookrouter.vonage.tools.Arguments;
import io.webhookrouter.vonage.tools.UsageError;

/**
 * Which broker the tool talks to, as the router would find it: {@code --broker}, else {@code BROKER_URL}, else the
 * embedded broker's loopback listener ({@code EMBEDDED_BROKER_PORT}, with the router's default).
 */
record BrokerSettings(String url, String user, String password) {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final String EMBEDDED_BROKER_PORT =
            RouterDefaults.settings().get("embedded-broker.port").defaultValue();

    static BrokerSettings from(Arguments arguments, Map<String, String> env) throws UsageError {
        String url = arguments.value("broker").orElse(null);
        if (url == null) {
            url = blankToNull(env.get("BROKER_URL"));
        }
        if (url == null) {
            String port = env.getOrDefault("EMBEDDED_BROKER_PORT", EMBEDDED_BROKER_PORT).trim();
            if (port.equals("0")) {
                throw new UsageError("the embedded broker's listener is off (EMBEDDED_BROKER_PORT=0): give --broker");
            }
            url = "tcp://127.0.0.1:" + port;
        }
        return new BrokerSettings(url,
                arguments.value("user").orElse(blankToNull(env.get("BROKER_USER"))),
                arguments.value("password").orElse(blankToNull(env.get("BROKER_PASSWORD"))));
    }

    /** The router's connection factory, but failing fast: a command-line tool must not wait for a broker forever. */
    ActiveMQConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory factory = BrokerConnectionFactory.create(url, user, password, CALL_TIMEOUT);
        factory.setInitialConnectAttempts(1);
        factory.setReconnectAttempts(0);
        return factory;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
