package io.webhookrouter.vonage.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The load generator's own collection pauses. While it is paused it neither sends on schedule nor reads answers,
 * and latency measured from intended send times counts that pause as the target's: a phase's result says how much
 * of it there was, so that a reader can tell the two apart.
 */
final class GeneratorPauses {

    private GeneratorPauses() {
    }

    /** Milliseconds this JVM's collectors have spent in collections so far (G1 on JDK 17: its pauses). */
    static long millisSoFar() {
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, collector.getCollectionTime());
        }
        return millis;
    }

    /**
     * A pool of requests is made just before its phase; left in the young generation, it would be copied by the
     * first collection during the phase (pauses of 20 to 200 ms with pools of 15,000 to 150,000 requests). A full
     * collection now, before anything is measured, moves it to the old generation once.
     */
    static void settleBeforeMeasuring() {
        System.gc();
    }
}
