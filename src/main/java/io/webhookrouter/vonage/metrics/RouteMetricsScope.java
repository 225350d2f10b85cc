package io.webhookrouter.vonage.metrics;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;

/**
 * Camel's exchange metrics per route ({@code camel_exchanges_total} by {@code routeId}) for the routes that take
 * events from the broker (routing and each delivery), not for the webhook routes, which the router's own
 * {@code vonage_webhook_*} metrics count, nor for the {@code direct:} routes, which are steps of another route's
 * exchange. Camel's route policy formats two names per exchange per route with {@code String.format}; an event
 * passes through five or six routes, and this leaves two. In place of camel-main's own policy
 * ({@code camel.metrics.enable-route-policy = false}), and for the standalone router only: an application that
 * includes the router keeps Camel's metrics as it configured them.
 */
public final class RouteMetricsScope extends MicrometerRoutePolicyFactory implements CamelConfiguration {

    private static final String METRICS_ENABLED = "camel.metrics.enabled";

    public RouteMetricsScope() {
        // each route's own metrics, not the context's sum of them (the dashboard reads them by routeId)
        getPolicyConfiguration().setContextEnabled(false);
        getPolicyConfiguration().setRouteEnabled(true);
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        // with camel.metrics.enabled = false there is no registry to report to: no policy either
        if (Boolean.parseBoolean(camelContext.getPropertiesComponent().resolveProperty(METRICS_ENABLED).orElse(null))) {
            camelContext.addService(this);
            camelContext.addRoutePolicyFactory(this);
        }
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return isCountedElsewhere(route) ? null : super.createRoutePolicy(camelContext, routeId, route);
    }

    private static boolean isCountedElsewhere(NamedNode route) {
        if (!(route instanceof RouteDefinition definition) || definition.getInput() == null) {
            return false;
        }
        String uri = definition.getInput().getEndpointUri();
        return uri != null && (uri.startsWith("platform-http:") || uri.startsWith("direct:"));
    }
}
