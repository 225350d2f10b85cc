package io.webhookrouter.vonage.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts webhooks by webhook, channel, status and outcome, and times their acknowledgement. Label values that
 * come from the payload are limited to the known channels and statuses, so that a payload cannot create
 * new time series.
 */
public final class WebhookMetrics {

    public static final String EVENTS = "vonage.webhook.events";
    public static final String ACK_LATENCY = "vonage.webhook.ack";
    private static final String OTHER = "other";
    private static final String NONE = "";

    private final Set<String> channels;
    private final Set<String> statuses;
    private volatile MeterRegistry registry;
    // registering a meter looks it up by name and tags; the request path looks it up here instead
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public WebhookMetrics(Set<String> channels, Set<String> statuses) {
        this.channels = channels;
        this.statuses = statuses;
    }

    /** Metrics start being recorded once the registry exists (Camel creates it while starting). */
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
    }

    /**
     * @param outcome accepted, invalid, rejected, unsigned, unavailable, overloaded, ...
     * @param reason  why, for rejections; empty otherwise
     */
    public void record(String webhook, String channel, String status, String outcome, String reason, Duration took) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        String channelLabel = known(channel, channels);
        String statusLabel = known(status, statuses);
        String reasonLabel = reason == null ? NONE : reason;
        counters.computeIfAbsent(List.of(webhook, channelLabel, statusLabel, outcome, reasonLabel),
                key -> Counter.builder(EVENTS)
                        .description("Webhooks received, by outcome")
                        .tag("webhook", webhook)
                        .tag("channel", channelLabel)
                        .tag("status", statusLabel)
                        .tag("outcome", outcome)
                        .tag("reason", reasonLabel)
                        .register(meters))
                .increment();
        timers.computeIfAbsent(List.of(webhook, outcome),
                key -> Timer.builder(ACK_LATENCY)
                        .description("Time from the request to its answer")
                        .tag("webhook", webhook)
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
                                Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
                                Duration.ofSeconds(5))
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(15))
                        .register(meters))
                .record(took);
    }

    private static String known(String value, Set<String> known) {
        if (value == null) {
            return NONE;
        }
        return known.contains(value) ? value : OTHER;
    }
}
