package io.webhookrouter.vonage.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What the answers of one phase looked like: latencies (microseconds) and counts by outcome. Not thread-safe:
 * each load lane fills its own on its event loop, and the tallies are merged once the phase is over.
 */
public final class LatencyTally {

    /** Anything slower than this is recorded as this (requests time out well before it anyway). */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final Histogram latencyMicros = new Histogram(HIGHEST_MICROS, 3);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    /** Latencies by second of the schedule (fixed rates only): a stall shows as one slow second. */
    private final Map<Integer, Histogram> latencyMicrosBySecond = new TreeMap<>();
    private final long scheduleStartNanos;

    LatencyTally() {
        this(0);
    }

    /** @param scheduleStartNanos when a fixed rate's schedule starts, to tally the latencies of each of its seconds */
    LatencyTally(long scheduleStartNanos) {
        this.scheduleStartNanos = scheduleStartNanos;
    }

    void answered(int status, long latencyNanos) {
        long micros = Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        latencyMicros.recordValue(micros);
        statuses.merge(status, 1L, Long::sum);
        if (scheduleStartNanos != 0) {
            long intended = System.nanoTime() - latencyNanos;
            latencyMicrosBySecond.computeIfAbsent((int) TimeUnit.NANOSECONDS.toSeconds(intended - scheduleStartNanos),
                    second -> new Histogram(HIGHEST_MICROS, 2)).recordValue(micros);
        }
    }

    /** A request that got no HTTP answer at all: refused, reset or timed out. */
    void failed(Throwable cause) {
        failures.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
    }

    void addAll(LatencyTally other) {
        latencyMicros.add(other.latencyMicros);
        other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
        other.failures.forEach((failure, count) -> failures.merge(failure, count, Long::sum));
        other.latencyMicrosBySecond.forEach((second, histogram) -> latencyMicrosBySecond
                .computeIfAbsent(second, ignored -> new Histogram(HIGHEST_MICROS, 2)).add(histogram));
    }

    /** The latencies of each second of a fixed rate's schedule, by second; empty for a closed loop. */
    public Map<Integer, Histogram> latencyMicrosBySecond() {
        return latencyMicrosBySecond;
    }

    public Histogram latencyMicros() {
        return latencyMicros;
    }

    public long count(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    /** Answers by status code. */
    public Map<Integer, Long> statuses() {
        return statuses;
    }

    /** Requests without an answer, by exception. */
    public Map<String, Long> failures() {
        return failures;
    }
}
