package io.webhookrouter.vonage.media;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Media items captured, failed attempts (by whether they will be retried) and bytes stored, by channel. Channels
 * outside the known ones count as "other", so that a payload cannot create new time series.
 */
public final class MediaMetrics {

    public static final String CAPTURED = "vonage.media.captured";
    public static final String FAILED = "vonage.media.failed";
    public static final String BYTES = "vonage.media.bytes";

    private final Set<String> channels;
    private volatile MeterRegistry registry;

    public MediaMetrics(Set<String> channels) {
        this.channels = channels;
    }

    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
    }

    void captured(String channel, int items, long bytes) {
        MeterRegistry meters = registry;
        if (meters != null) {
            Counter.builder(CAPTURED).description("Inbound media items stored").tag("channel", label(channel))
                    .register(meters).increment(items);
            Counter.builder(BYTES).description("Bytes of inbound media stored").tag("channel", label(channel))
                    .register(meters).increment(bytes);
        }
    }

    /** @param outcome "retried" (the broker hands the event back later) or "refused" (it goes to vonage.dead) */
    void failed(String channel, String outcome) {
        MeterRegistry meters = registry;
        if (meters != null) {
            Counter.builder(FAILED).description("Failed attempts to capture inbound media")
                    .tag("channel", label(channel)).tag("outcome", outcome)
                    .register(meters).increment();
        }
    }

    private String label(String channel) {
        return channel != null && channels.contains(channel) ? channel : "other";
    }
}
