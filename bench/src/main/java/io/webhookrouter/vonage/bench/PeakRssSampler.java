package io.webhookrouter.vonage.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process's resident set (VmRSS) twice a second while load runs and keeps the largest value. */
public final class PeakRssSampler implements AutoCloseable {

    private final AtomicLong peakKib = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public PeakRssSampler(long pid) {
        timer.scheduleAtFixedRate(() -> {
            try {
                peakKib.accumulateAndGet(ProcFs.statusKib(pid, "VmRSS"), Math::max);
            } catch (RuntimeException processGone) {
                // nothing left to measure; the run reports the failure elsewhere
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
    }

    public long peakKib() {
        return peakKib.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
