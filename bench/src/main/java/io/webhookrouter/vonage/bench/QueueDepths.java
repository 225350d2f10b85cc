package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded broker's queue depths as the router publishes them ({@code vonage_queue_messages} on its
 * management port): read at once, whatever the backlog, where browsing a queue would take as long as it is deep.
 */
final class QueueDepths {

    private static final Pattern GAUGE = Pattern.compile("^vonage_queue_messages\\{[^}]*queue=\"([^\"]+)\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    static final String INGEST = "vonage.ingest";
    static final String DEAD = "vonage.dead";
    private static final Set<String> PARKING = Set.of(DEAD, "vonage.invalid");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    QueueDepths(int managementPort) {
        metrics = URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics");
    }

    /** Every queue's depth now. */
    Map<String, Long> now() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
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
        return now().entrySet().stream().filter(e -> isUndigested(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    long waitingToBeRouted() throws IOException, InterruptedException {
        return now().getOrDefault(INGEST, 0L);
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
