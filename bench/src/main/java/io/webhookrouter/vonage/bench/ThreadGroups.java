package io.webhookrouter.vonage.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Thread names folded into pools ("vert.x-eventloop-thread-1" and "-0" are one pool), and how to show shares. */
final class ThreadGroups {

    private ThreadGroups() {
    }

    static String poolOf(String threadName) {
        return threadName.replaceAll("\\d+", "N");
    }

    /** The largest entries as "name 41%, other 12%, ...", shares of the total of all entries. */
    static String topShares(Map<String, Long> amounts, int limit) {
        long total = amounts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "nothing measured";
        }
        List<Map.Entry<String, Long>> largest = amounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .toList();
        return largest.stream()
                .map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }
}
