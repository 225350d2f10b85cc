package io.webhookrouter.vonage.broker;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while the hand-off cannot reach the broker (every webhook would get 503), read from the state
 * of its own connection, so that a probe answers at once.
 */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final JmsHandoff handoff;

    public BrokerHealthCheck(JmsHandoff handoff) {
        super("vonage", "broker");
        this.handoff = handoff;
    }

    @Override
    public boolean isLiveness() {
        // a broker outage is not cured by restarting the router
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (handoff.isBrokerReachable()) {
            builder.up();
        } else {
            builder.message("broker unreachable: webhooks are answered 503");
            builder.down();
        }
    }
}
