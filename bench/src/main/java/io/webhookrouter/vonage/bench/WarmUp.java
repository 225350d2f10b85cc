package io.webhookrouter.vonage.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Warms a target up with saturation load in rounds of a few seconds: for at least the configured time, then on
 * while its JIT compiler threads still take a large share of its CPU (a target with much code, like the router,
 * is otherwise measured while it is still compiling), up to a limit.
 */
final class WarmUp {

    private static final Duration ROUND = Duration.ofSeconds(5);
    private static final int FIRST_SECONDS_ROUNDS = 2;
    /** Compilation may go on for a long time at a low level; above this share the target is not warm yet. */
    private static final double WARM_COMPILER_SHARE = 0.10;
    private static final String COMPILER_THREADS = "CompilerThre";
    /** Requests signed for the first round, before the target's rate is known: 8,000 req/s for a round. */
    private static final long FIRST_ROUND_REQUESTS = 8_000 * ROUND.toSeconds();

    private WarmUp() {
    }

    /**
     * @param poolFor signs a pool of (about) the given number of requests
     * @return the warm-up's rounds as one result, and how much of the last round's CPU went to the JIT
     */
    static Result run(TargetProcess process, LoadGenerator load, LongFunction<RequestPool> poolFor,
                      Duration least, Duration most) {
        List<LoadResult> rounds = new ArrayList<>();
        Map<String, Long> threadsAtStart = null;
        double firstCompilerShare = 0;
        long elapsed = 0;
        double compilerShare = 1;
        double rate = 0;
        while (elapsed < least.toNanos() || (compilerShare > WARM_COMPILER_SHARE && elapsed < most.toNanos())) {
            long requests = rate == 0 ? FIRST_ROUND_REQUESTS : (long) (rate * 4 * ROUND.toSeconds());
            RequestPool pool = poolFor.apply(requests);
            Map<String, Long> threadsBefore = ThreadCpuShare.snapshot(process.pid());
            if (threadsAtStart == null) {
                // from the first request on, not while its requests were being signed
                threadsAtStart = threadsBefore;
            }
            LoadResult round = load.closedLoop("warm-up", pool, ROUND);
            compilerShare = compilerShareSince(threadsBefore, process);
            rate = round.okPerSecond();
            elapsed += round.elapsedNanos();
            rounds.add(round);
            if (rounds.size() == FIRST_SECONDS_ROUNDS) {
                firstCompilerShare = compilerShareSince(threadsAtStart, process);
            }
        }
        if (!rounds.isEmpty() && rounds.size() < FIRST_SECONDS_ROUNDS) {
            // a warm-up shorter than the first 10 s (BENCH_WARMUP_SECONDS): all of it
            firstCompilerShare = compilerShareSince(threadsAtStart, process);
        }
        return new Result(LoadResult.combined("warm-up", rounds), new FirstSeconds(
                LoadResult.combined("first 10 s", rounds.subList(0, Math.min(FIRST_SECONDS_ROUNDS, rounds.size()))),
                firstCompilerShare), compilerShare);
    }

    private static double compilerShareSince(Map<String, Long> threadsBefore, TargetProcess process) {
        return ThreadCpuShare.between(threadsBefore, ThreadCpuShare.snapshot(process.pid())).shareOf(COMPILER_THREADS);
    }

    /** @param firstTenSeconds the first rounds of load on the target just started: how warm it is from the start */
    record Result(LoadResult load, FirstSeconds firstTenSeconds, double lastCompilerShare) {
    }

    /**
     * @param load          the first rounds of load, together
     * @param compilerShare how much of the target's CPU in them its JIT compiler threads took (what keeps it cold)
     */
    record FirstSeconds(LoadResult load, double compilerShare) {
    }
}
