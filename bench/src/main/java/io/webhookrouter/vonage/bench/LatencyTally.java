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
    private final boolean bySecond;
    private final long scheduleStartNanos;

    /** A closed loop's: latencies and outcomes. */
    LatencyTally() {
        this(false, 0);
    }

    private LatencyTally(boolean bySecond, long scheduleStartNanos) {
        this.bySecond = bySecond;
        this.scheduleStartNanos = scheduleStartNanos;
    }

    /** A fixed rate's: also the latencies of each second of the schedule that starts at {@code startNanos}. */
    static LatencyTally ofSchedule(long startNanos) {
        return new LatencyTally(true, startNanos);
    }

    /** @param intendedNanos when the request was meant to go out, which latency runs from */
    void answered(int status, long intendedNanos, long answeredNanos) {
        long micros = Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(answeredNanos - intendedNanos));
        latencyMicros.recordValue(micros);
        statuses.merge(status, 1L, Long::sum);
        if (bySecond) {
            int second = (int) TimeUnit.NANOSECONDS.toSeconds(intendedNanos - scheduleStartNanos);
            latencyMicrosBySecond.computeIfAbsent(second, ignored -> new Histogram(HIGHEST_MICROS, 2))
                    .recordValue(micros);
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
