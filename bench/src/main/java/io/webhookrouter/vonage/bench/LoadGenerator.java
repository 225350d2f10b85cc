package io.webhookrouter.vonage.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Drives one target over loopback with pre-signed requests, in two ways:
 * <ul>
 * <li>{@link #closedLoop}: every connection sends its next request as soon as the previous one is answered
 * (saturation; latency is the service time seen by the connection);</li>
 * <li>{@link #fixedRate}: requests go out on a fixed schedule whatever the answers do, and latency runs from each
 * request's intended send time (coordinated-omission corrected).</li>
 * </ul>
 * Every phase is bounded: by its duration, by the size of its pool, by {@link #MAX_OUTSTANDING} requests in
 * flight at a fixed rate, and by a grace period for the last answers.
 */
public final class LoadGenerator implements AutoCloseable {

    /**
     * At a fixed rate, how many requests may be sent and not yet answered. A target that keeps up never gets near
     * it (at 5,000 req/s it is 0.4 s of backlog); one that does not would otherwise pile up requests for minutes,
     * so the schedule skips requests beyond it, and the result counts them as skipped.
     */
    static final int MAX_OUTSTANDING = 2_000;
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(LoadLane.REQUEST_TIMEOUT_MILLIS + 5_000);

    private final Vertx vertx;
    private final List<LoadLane> lanes = new ArrayList<>();

    /** @param connections spread over one lane (event loop) per {@code eventLoops} */
    public LoadGenerator(int port, int connections, int eventLoops) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        for (int i = 0; i < eventLoops; i++) {
            int share = connections / eventLoops + (i < connections % eventLoops ? 1 : 0);
            LoadLane lane = new LoadLane(port, share);
            vertx.deployVerticle(lane).toCompletionStage().toCompletableFuture().join();
            lanes.add(lane);
        }
    }

    public LoadResult closedLoop(String phase, RequestPool pool, Duration duration) {
        LatencyTally[] tallies = newTallies(LatencyTally::new);
        int connections = lanes.stream().mapToInt(LoadLane::connections).sum();
        AtomicInteger liveConnections = new AtomicInteger(connections);
        AtomicLong lastAnswer = new AtomicLong();
        long pausedBefore = GeneratorPauses.millisSoFar();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int i = 0; i < lanes.size(); i++) {
            LoadLane lane = lanes.get(i);
            LatencyTally tally = tallies[i];
            lane.context().runOnContext(v -> {
                for (int c = 0; c < lane.connections(); c++) {
                    new ClosedLoopConnection(lane, tally, pool, deadline, () -> {
                        lastAnswer.set(System.nanoTime());
                        liveConnections.decrementAndGet();
                    }).sendNext();
                }
            });
        }
        boolean done = awaitUntil(() -> liveConnections.get() == 0, deadline + GRACE_NANOS);
        long end = done ? lastAnswer.get() : System.nanoTime();
        return new LoadResult(phase, 0, merged(tallies), liveConnections.get(), 0, end - start, pool.ranDry(),
                GeneratorPauses.millisSoFar() - pausedBefore);
    }

    public LoadResult fixedRate(String phase, RequestPool pool, int ratePerSecond, Duration duration) {
        AtomicLong outstanding = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long skipped = 0;
        long requests = ratePerSecond * duration.toSeconds();
        double periodNanos = 1e9 / ratePerSecond;
        long pausedBefore = GeneratorPauses.millisSoFar();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        LatencyTally[] tallies = newTallies(() -> LatencyTally.ofSchedule(start));
        for (long i = 0; i < requests; i++) {
            long intended = start + (long) (i * periodNanos);
            sleepUntil(intended);
            if (outstanding.get() >= MAX_OUTSTANDING) {
                skipped++;
                continue;
            }
            WebhookRequest request = pool.next();
            if (request == null) {
                break;
            }
            int laneIndex = (int) (i % lanes.size());
            LoadLane lane = lanes.get(laneIndex);
            outstanding.incrementAndGet();
            lane.context().runOnContext(v -> lane.send(request, intended, tallies[laneIndex], () -> {
                lastAnswer.set(System.nanoTime());
                outstanding.decrementAndGet();
            }));
        }
        boolean done = awaitUntil(() -> outstanding.get() == 0, System.nanoTime() + GRACE_NANOS);
        long end = done ? lastAnswer.get() : System.nanoTime();
        return new LoadResult(phase, ratePerSecond, merged(tallies), outstanding.get(), skipped, end - start,
                pool.ranDry(), GeneratorPauses.millisSoFar() - pausedBefore);
    }

    private LatencyTally[] newTallies(Supplier<LatencyTally> tally) {
        LatencyTally[] tallies = new LatencyTally[lanes.size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = tally.get();
        }
        return tallies;
    }

    /** Only called once no lane touches its tally any more (the counters above were seen at zero). */
    private static LatencyTally merged(LatencyTally[] tallies) {
        LatencyTally all = new LatencyTally();
        for (LatencyTally tally : tallies) {
            all.addAll(tally);
        }
        return all;
    }

    private static void sleepUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** One keep-alive connection's worth of closed-loop load, running on its lane's event loop. */
    private static final class ClosedLoopConnection {
        private final LoadLane lane;
        private final LatencyTally tally;
        private final RequestPool pool;
        private final long deadline;
        private final Runnable finished;

        private ClosedLoopConnection(LoadLane lane, LatencyTally tally, RequestPool pool, long deadline,
                                     Runnable finished) {
            this.lane = lane;
            this.tally = tally;
            this.pool = pool;
            this.deadline = deadline;
            this.finished = finished;
        }

        void sendNext() {
            long now = System.nanoTime();
            WebhookRequest request = now < deadline ? pool.next() : null;
            if (request == null) {
                finished.run();
                return;
            }
            lane.send(request, now, tally, this::sendNext);
        }
    }
}
