package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * The same event posted several times at the same moment, each copy with a token of its own and on a connection of
 * its own: what Vonage's retry of a slow answer, or two routers behind one load balancer, can produce. Every copy's
 * answer goes to the {@link Ledger}, under the event's key.
 */
public final class ConcurrentCopies {

    private static final String[] SAMPLES = {"inbound-sms-text", "inbound-whatsapp-text", "status-delivered",
            "status-rejected"};

    private final WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
    private final Ledger ledger;
    private final int copies;
    private final Map<Integer, Integer> answers = new ConcurrentHashMap<>();

    /** @param copies how many copies of each event are posted at once */
    public ConcurrentCopies(Ledger ledger, int copies) {
        this.ledger = ledger;
        this.copies = copies;
    }

    /**
     * Posts {@code events} distinct events, {@code eventsAtOnce} of them at a time, every copy of each released by
     * one barrier.
     *
     * @param webhookOfCopy the router a copy goes to (copy number to webhook base, e.g. one router, or alternating)
     */
    public void post(int events, int eventsAtOnce, IntFunction<URI> webhookOfCopy) throws Exception {
        int threads = eventsAtOnce * copies;
        List<HttpClient> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            // a client each: each copy comes on a connection of its own, as from separate Vonage workers
            connections.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < events / eventsAtOnce; round++) {
                CyclicBarrier together = new CyclicBarrier(threads);
                List<Future<?>> sent = new ArrayList<>();
                for (int e = 0; e < eventsAtOnce; e++) {
                    Event event = event(round * eventsAtOnce + e);
                    for (int copy = 0; copy < copies; copy++) {
                        HttpClient connection = connections.get(e * copies + copy);
                        URI webhook = webhookOfCopy.apply(copy).resolve(event.path());
                        sent.add(pool.submit(() -> {
                            together.await(30, TimeUnit.SECONDS);
                            int answer = post(connection, webhook, event.body());
                            answers.merge(answer, 1, Integer::sum);
                            ledger.answered(event.key(), answer);
                            return null;
                        }));
                    }
                }
                for (Future<?> copy : sent) {
                    copy.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many copies got each answer (0: none), over every copy posted. */
    public Map<Integer, Integer> answerCounts() {
        return Map.copyOf(answers);
    }

    private int post(HttpClient connection, URI webhook, byte[] body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                // a token of its own: a new jti and signature, the same payload_hash
                .header("Authorization", signer.authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return connection.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Event event(int n) {
        String sample = SAMPLES[n % SAMPLES.length];
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid(sample, uuid).getBytes(StandardCharsets.UTF_8);
        if (sample.startsWith("inbound")) {
            return new Event("inbound:" + uuid, "inbound", body);
        }
        return new Event("status:" + uuid + ":" + sample.substring("status-".length()), "status", body);
    }

    private record Event(String key, String path, byte[] body) {
    }
}
