package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A quick look inside a target under saturation, in a phase of its own so that the measured phases are not
 * disturbed: a flight recording (CPU samples) and a few thread dumps, both taken with jcmd.
 */
public final class RouterProfiler {

    private static final int THREAD_DUMPS = 3;
    /** Every 2 ms rather than JFR's default 20 ms: a short phase then still gives a few thousand samples. */
    private static final String SAMPLE_PERIOD = System.getProperty("bench.samplePeriod", "2ms");

    /** What the profiling phase showed. */
    public record Profile(LoadResult load, ExecutionProfile cpu, ThreadDumpSummary threads, Path recording) {
    }

    private RouterProfiler() {
    }

    public static Profile profile(TargetProcess target, LoadGenerator load, RequestPool pool, Duration duration,
                                  Path recording) throws IOException, InterruptedException {
        Jcmd.run(target.pid(), "JFR.start", "name=bench-profile", "jdk.ExecutionSample#period=" + SAMPLE_PERIOD);
        CompletableFuture<LoadResult> saturation =
                CompletableFuture.supplyAsync(() -> load.closedLoop("profile", pool, duration));
        ThreadDumpSummary threads = new ThreadDumpSummary();
        long pause = duration.toMillis() / (THREAD_DUMPS + 1);
        for (int i = 0; i < THREAD_DUMPS && !saturation.isDone(); i++) {
            TimeUnit.MILLISECONDS.sleep(pause);
            threads.add(Jcmd.run(target.pid(), "Thread.print"));
        }
        LoadResult result = saturation.join();
        Jcmd.run(target.pid(), "JFR.stop", "name=bench-profile", "filename=" + recording.toAbsolutePath());
        return new Profile(result, ExecutionProfile.read(recording), threads, recording);
    }
}
