package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The figure users buy: events per second verified, stored, routed and archived. A saturation load of distinct
 * events, then the wait until the ingest queue and every outbox are empty; digested per second is what the load
 * acknowledged over the time from its start until then. The phase starts with no backlog (it first waits for
 * what the warm-up left), so that it counts its own events only. The heap the router allocated over the phase, per
 * event, is the whole pipeline's garbage for one event (its request, its routing, its archive file).
 */
final class DigestPhase {

    private static final Duration POLL = Duration.ofMillis(250);

    private DigestPhase() {
    }

    /**
     * @param drainLimit how long the router may take to digest what it acknowledged, before the phase gives up
     *                   and reports what is left
     */
    static Result run(RouterMetrics metrics, LoadGenerator load, RequestPool pool, Duration saturation,
                      Duration drainLimit) throws IOException, InterruptedException {
        awaitEmpty(metrics, drainLimit);
        OptionalLong allocatedBefore = allocatedOrUnknown(metrics);
        long start = System.nanoTime();
        LoadResult acknowledged = load.closedLoop("digest", pool, saturation);
        long loadEnd = System.nanoTime();
        long backlogAtLoadEnd = metrics.undigested();
        long left = awaitEmpty(metrics, drainLimit);
        long end = System.nanoTime();
        OptionalLong allocatedAfter = allocatedOrUnknown(metrics);
        long allocated = allocatedBefore.isPresent() && allocatedAfter.isPresent()
                ? allocatedAfter.getAsLong() - allocatedBefore.getAsLong() : -1;
        return new Result(acknowledged, backlogAtLoadEnd, left, Duration.ofNanos(loadEnd - start),
                Duration.ofNanos(end - start), allocated);
    }

    /**
     * Waits until nothing is waiting to be digested, or the limit; returns what is left. A metrics request that
     * fails or times out (a router busy collecting garbage) counts as "not empty yet": the phase reports what the
     * router did by the limit, and its log says why.
     */
    static long awaitEmpty(RouterMetrics metrics, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long left = metrics.undigested();
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            left = undigestedOrUnknown(metrics, left);
        }
        return left;
    }

    private static long undigestedOrUnknown(RouterMetrics metrics, long lastKnown) throws InterruptedException {
        try {
            return metrics.undigested();
        } catch (IOException unanswered) {
            return lastKnown;
        }
    }

    /** What the router has allocated; unknown when its metrics do not answer: a figure beside the phase's, not its. */
    private static OptionalLong allocatedOrUnknown(RouterMetrics metrics) throws InterruptedException {
        try {
            return metrics.allocatedBytes();
        } catch (IOException unanswered) {
            return OptionalLong.empty();
        }
    }

    /**
     * @param backlogAtLoadEnd events stored but not digested when the load stopped
     * @param left             events still not digested when the phase gave up (0: all digested)
     * @param allocatedBytes   heap the router allocated from the load's start until the phase ended, as its JVM
     *                         counts it at each young collection (-1: the router does not publish it)
     */
    record Result(LoadResult acknowledged, long backlogAtLoadEnd, long left, Duration loadTime, Duration total,
                  long allocatedBytes) {

        double acknowledgedPerSecond() {
            return acknowledged.ok() / (loadTime.toNanos() / 1e9);
        }

        /** Events acknowledged and digested, per second from the load's start to the last one digested. */
        double digestedPerSecond() {
            return (acknowledged.ok() - left) / (total.toNanos() / 1e9);
        }

        double digestedPerAcknowledged() {
            return digestedPerSecond() / acknowledgedPerSecond();
        }

        /** KiB of heap per event digested in the phase; NaN when unknown. */
        double allocatedKibPerEvent() {
            long digested = acknowledged.ok() - left;
            return allocatedBytes < 0 || digested <= 0 ? Double.NaN : allocatedBytes / 1024.0 / digested;
        }
    }
}
