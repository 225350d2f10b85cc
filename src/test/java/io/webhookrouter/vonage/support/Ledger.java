package io.webhookrouter.vonage.support;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request a reliability test sent and how it was answered, and every event found at the destinations
 * afterwards. An event is named by its de-duplication key ({@code inbound:<uuid>} or {@code status:<uuid>:<status>}).
 */
public final class Ledger {

    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> found = new ConcurrentHashMap<>();

    /** @param status the HTTP status, or 0 when no answer came (connection refused, reset, timed out) */
    public void answered(String key, int status) {
        answers.merge(key, status, (earlier, later) -> earlier == 200 ? earlier : later);
    }

    public void found(String key) {
        found.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public Set<String> acknowledged() {
        Set<String> acknowledged = new HashSet<>();
        answers.forEach((key, status) -> {
            if (status == 200) {
                acknowledged.add(key);
            }
        });
        return acknowledged;
    }

    /** Acknowledged events that no destination has: this must always be empty. */
    public Set<String> lost() {
        Set<String> lost = acknowledged();
        lost.removeAll(found.keySet());
        return lost;
    }

    /** Events found more than once at one destination. */
    public Set<String> duplicates() {
        Set<String> duplicates = new HashSet<>();
        found.forEach((key, count) -> {
            if (count.get() > 1) {
                duplicates.add(key);
            }
        });
        return duplicates;
    }

    public Map<Integer, Integer> answerCounts() {
        Map<Integer, Integer> counts = new HashMap<>();
        answers.values().forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts;
    }

    public int sent() {
        return answers.size();
    }

    public int foundCount() {
        return found.size();
    }

    @Override
    public String toString() {
        return "sent " + sent() + ", answers " + answerCounts() + ", acknowledged " + acknowledged().size()
                + ", found " + foundCount() + ", lost " + lost().size() + ", duplicates " + duplicates().size();
    }
}
