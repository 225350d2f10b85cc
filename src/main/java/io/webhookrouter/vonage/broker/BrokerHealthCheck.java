package io.webhookrouter.vonage.broker;

import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while the broker cannot be reached, since every webhook would then get 503. Each probe opens
 * and closes a connection with a factory of its own that does not retry, so a probe answers in seconds.
 */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final ConnectionFactory probes;

    public BrokerHealthCheck(ConnectionFactory probes) {
        super("vonage", "broker");
        this.probes = probes;
    }

    @Override
    public boolean isLiveness() {
        // a broker outage is not cured by restarting the router
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection probe = probes.createConnection()) {
            builder.up();
        } catch (Exception unreachable) {
            builder.message("broker unreachable: " + unreachable.getMessage());
            builder.down();
        }
    }
}
