package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A quick look inside a target under saturation, in a phase of its own after the measured ones: the stacks of its
 * running threads sampled at a steady pace (where the CPU goes), and now and then all its threads (where the
 * others wait).
 * <p>
 * Thread dumps rather than a flight recording: starting JFR in a running router made it several times slower for
 * the rest of its life (its instrumentation throws compiled code away), while dumps cost little.
 */
public final class RouterProfiler {

    private static final long SAMPLE_EVERY_MILLIS = 20;
    /** Every thread's stack, for where the waiting threads are, in one sample of this many. */
    private static final int FULL_DUMP_EVERY = 25;

    /** What the profiling phase showed. */
    public record Profile(LoadResult load, ExecutionProfile cpu, ThreadDumpSummary threads) {
    }

    private RouterProfiler() {
    }

    public static Profile profile(TargetProcess target, LoadGenerator load, RequestPool pool, Duration duration)
            throws IOException, InterruptedException {
        ExecutionProfile cpu = new ExecutionProfile();
        ThreadDumpSummary threads = new ThreadDumpSummary();
        try (JvmThreads jvm = new JvmThreads(target.pid())) {
            CompletableFuture<LoadResult> saturation =
                    CompletableFuture.supplyAsync(() -> load.closedLoop("profile", pool, duration));
            // the first second is left alone: the connections are still opening
            TimeUnit.SECONDS.sleep(1);
            for (int sample = 0; !saturation.isDone(); sample++) {
                jvm.runnable().stream().filter(ThreadStack::onCpu).forEach(cpu::add);
                if (sample % FULL_DUMP_EVERY == 0) {
                    threads.add(jvm.all());
                }
                TimeUnit.MILLISECONDS.sleep(SAMPLE_EVERY_MILLIS);
            }
            return new Profile(saturation.join(), cpu, threads);
        }
    }
}
