package io.webhookrouter.vonage.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.webhookrouter.vonage.broker.EmbeddedBroker;

/**
 * One depth gauge for each queue the embedded broker has: those there at start, and each one it creates later
 * (a destination an operator added to the routes appears once the first event is sent to it). The route files
 * stay the only list of destinations.
 */
final class QueueDepthGauges {

    /** Published as {@code vonage_queue_messages{queue="..."}}. */
    private static final String QUEUE_DEPTH = "vonage.queue.messages";

    private final EmbeddedBroker broker;
    private final MeterRegistry registry;

    QueueDepthGauges(EmbeddedBroker broker, MeterRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    void bind() {
        // listening first: a queue made meanwhile is then registered twice, which Micrometer ignores
        broker.onQueueCreated(this::register);
        broker.queueNames().forEach(this::register);
    }

    private void register(String queue) {
        Gauge.builder(QUEUE_DEPTH, broker, b -> b.messageCount(queue))
                .description("Messages in a queue of the embedded broker")
                .tag("queue", queue)
                .register(registry);
    }
}
