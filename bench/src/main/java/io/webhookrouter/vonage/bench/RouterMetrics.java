package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the router publishes on its management port ({@code /observe/metrics}) that the harness reads: the embedded
 * broker's queue depths ({@code vonage_queue_messages}), read at once whatever the backlog, where browsing a queue
 * would take as long as it is deep; and the heap its JVM has allocated ({@code jvm_gc_memory_allocated_bytes_total},
 * counted at each young collection), a figure of the work done that moves little with the machine's speed.
 */
final class RouterMetrics {

    private static final Pattern GAUGE = Pattern.compile("^vonage_queue_messages\\{[^}]*queue=\"([^\"]+)\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern ALLOCATED = Pattern.compile("^jvm_gc_memory_allocated_bytes_total(?:\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    static final String INGEST = "vonage.ingest";
    static final String DEAD = "vonage.dead";
    private static final Set<String> PARKING = Set.of(DEAD, "vonage.invalid");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    RouterMetrics(int managementPort) {
        metrics = URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics");
    }

    private String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Bytes of heap the router's JVM has allocated up to its last young collection; empty if it does not say. */
    OptionalLong allocatedBytes() throws IOException, InterruptedException {
        Matcher counter = ALLOCATED.matcher(scrape());
        return counter.find() ? OptionalLong.of((long) Double.parseDouble(counter.group(1))) : OptionalLong.empty();
    }

    /** Every queue's depth now. */
    Map<String, Long> queueDepths() throws IOException, InterruptedException {
        String text = scrape();
        Map<String, Long> depths = new TreeMap<>();
        Matcher gauge = GAUGE.matcher(text);
        while (gauge.find()) {
            double value = Double.parseDouble(gauge.group(2));
            if (!Double.isNaN(value)) {
                depths.put(gauge.group(1), (long) value);
            }
        }
        return depths;
    }

    /** Events stored and not yet digested: waiting to be routed, or in an outbox waiting to be delivered. */
    long undigested() throws IOException, InterruptedException {
        return queueDepths().entrySet().stream().filter(e -> isUndigested(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    long waitingToBeRouted() throws IOException, InterruptedException {
        return queueDepths().getOrDefault(INGEST, 0L);
    }

    /** Events in the queues the routes deliver to (not the ingest queue, an outbox, or the parking queues). */
    static long routed(Map<String, Long> depths) {
        return depths.entrySet().stream()
                .filter(e -> !isUndigested(e.getKey()) && !PARKING.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static boolean isUndigested(String queue) {
        return queue.equals(INGEST) || queue.startsWith("vonage.outbox.");
    }
}
