package io.webhookrouter.vonage.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.broker.EmbeddedBroker;

/**
 * Connects the router's own metrics to the Micrometer registry Camel creates ({@code camel.metrics.enabled}),
 * and, with the embedded broker, publishes the depth of its queues.
 */
public final class MetricsBinder implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsBinder.class);

    private final WebhookMetrics webhookMetrics;

    public MetricsBinder(WebhookMetrics webhookMetrics) {
        this.webhookMetrics = webhookMetrics;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            LOG.info("No metrics registry (camel.metrics.enabled=false): the router's metrics are off");
            return;
        }
        webhookMetrics.bindTo(registry);
        EmbeddedBroker broker = context.hasService(EmbeddedBroker.class);
        if (broker != null) {
            new QueueDepthGauges(broker, registry).bind();
        }
    }
}
