package io.webhookrouter.vonage.metrics;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
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
    public static final String QUEUE_DEPTH = "vonage.queue.messages";

    private final WebhookMetrics webhookMetrics;
    private final List<String> queues;

    public MetricsBinder(WebhookMetrics webhookMetrics, List<String> queues) {
        this.webhookMetrics = webhookMetrics;
        this.queues = queues;
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
            for (String queue : queues) {
                Gauge.builder(QUEUE_DEPTH, broker, b -> b.messageCount(queue))
                        .description("Messages in a queue of the embedded broker")
                        .tag("queue", queue)
                        .register(registry);
            }
        }
    }
}
