package io.webhookrouter.vonage.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a JVM's threads are, over several thread dumps: threads counted by pool, state and the first frame outside
 * the JDK (what they are running or waiting in).
 */
public final class ThreadDumpSummary {

    private final Map<String, Long> threadsByPlace = new HashMap<>();
    private int dumps;

    public void add(List<ThreadStack> threads) {
        dumps++;
        for (ThreadStack thread : threads) {
            if (thread.frames().isEmpty()) {
                continue;
            }
            String where = thread.frames().stream().filter(frame -> !ThreadStack.isJdk(frame)).findFirst()
                    .orElse(thread.frames().get(0));
            threadsByPlace.merge(ThreadGroups.poolOf(thread.name()) + " | " + thread.state() + " | " + where, 1L,
                    Long::sum);
        }
    }

    public int dumps() {
        return dumps;
    }

    /** Thread count summed over all dumps, by "pool | state | where". */
    public Map<String, Long> threadsByPlace() {
        return threadsByPlace;
    }
}
