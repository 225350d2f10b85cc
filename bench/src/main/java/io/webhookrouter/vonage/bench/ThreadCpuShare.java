package io.webhookrouter.vonage.bench;

import java.util.HashMap;
import java.util.Map;

/** Which thread pools of a process used its CPU between two moments (from /proc/pid/task). */
public final class ThreadCpuShare {

    private final Map<String, Long> nanosByPool;

    private ThreadCpuShare(Map<String, Long> nanosByPool) {
        this.nanosByPool = nanosByPool;
    }

    public static Map<String, Long> snapshot(long pid) {
        return ProcFs.cpuNanosByThreadName(pid);
    }

    public static ThreadCpuShare between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byPool = new HashMap<>();
        after.forEach((thread, nanos) -> {
            long used = nanos - before.getOrDefault(thread, 0L);
            if (used > 0) {
                byPool.merge(ThreadGroups.poolOf(thread), used, Long::sum);
            }
        });
        return new ThreadCpuShare(byPool);
    }

    /** The fraction of the CPU time that went to threads whose name contains {@code part}. */
    public double shareOf(String part) {
        long total = nanosByPool.values().stream().mapToLong(Long::longValue).sum();
        long matching = nanosByPool.entrySet().stream()
                .filter(e -> e.getKey().contains(part))
                .mapToLong(Map.Entry::getValue)
                .sum();
        return total == 0 ? 0 : (double) matching / total;
    }

    /** e.g. "vert.x-eventloo 55%, GC Thread#N 12%" (Linux keeps the first 15 characters of a thread name). */
    public String top(int limit) {
        return ThreadGroups.topShares(nanosByPool, limit);
    }
}
