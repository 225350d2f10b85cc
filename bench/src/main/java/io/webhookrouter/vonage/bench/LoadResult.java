package io.webhookrouter.vonage.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One measured phase against one target.
 *
 * @param phase         what was run, e.g. "64 connections" or "5000 req/s"
 * @param offeredRate   the intended request rate, 0 for a closed-loop (saturation) phase
 * @param tally         latencies and outcomes
 * @param unanswered    requests still without an answer when the phase gave up waiting
 * @param skipped       scheduled requests not sent because the target was too far behind (fixed rates only)
 * @param elapsedNanos  from the first intended send to the last answer
 * @param poolExhausted true when the phase ended early because every pre-signed request had been sent
 * @param generatorGcMillis the load generator's own collection pauses during the phase ({@link GeneratorPauses})
 */
public record LoadResult(String phase, int offeredRate, LatencyTally tally, long unanswered, long skipped,
                         long elapsedNanos, boolean poolExhausted, long generatorGcMillis) {

    /** One result for consecutive runs of the same phase (a warm-up made of several rounds). */
    public static LoadResult combined(String phase, List<LoadResult> rounds) {
        LatencyTally tally = new LatencyTally();
        rounds.forEach(round -> tally.addAll(round.tally()));
        return new LoadResult(phase, 0, tally,
                rounds.stream().mapToLong(LoadResult::unanswered).sum(),
                rounds.stream().mapToLong(LoadResult::skipped).sum(),
                rounds.stream().mapToLong(LoadResult::elapsedNanos).sum(),
                rounds.stream().anyMatch(LoadResult::poolExhausted),
                rounds.stream().mapToLong(LoadResult::generatorGcMillis).sum());
    }

    public long ok() {
        return tally.count(200);
    }

    public long sent() {
        return tally.latencyMicros().getTotalCount() + failedWithoutAnswer() + unanswered;
    }

    /** Requests the phase meant to send: those sent and those skipped. */
    public long scheduled() {
        return sent() + skipped;
    }

    /** HTTP answers other than 200. */
    public long non200() {
        return tally.latencyMicros().getTotalCount() - ok();
    }

    public long failedWithoutAnswer() {
        return tally.failures().values().stream().mapToLong(Long::longValue).sum();
    }

    /** 200 answers per second. */
    public double okPerSecond() {
        return ok() / (elapsedNanos / 1e9);
    }

    public double percentileMillis(double percentile) {
        return tally.latencyMicros().getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return tally.latencyMicros().getMaxValue() / 1000.0;
    }

    /** Everything that was not a 200, e.g. "503×12, ConnectException×3", or "none". */
    public String problems() {
        Map<String, Long> all = tally.statuses().entrySet().stream()
                .filter(e -> e.getKey() != 200)
                .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue));
        all.putAll(tally.failures());
        if (unanswered > 0) {
            all.put("unanswered", unanswered);
        }
        if (skipped > 0) {
            all.put("skipped (over " + LoadGenerator.MAX_OUTSTANDING + " outstanding)", skipped);
        }
        return all.isEmpty() ? "none" : all.entrySet().stream()
                .map(e -> e.getKey() + "×" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
