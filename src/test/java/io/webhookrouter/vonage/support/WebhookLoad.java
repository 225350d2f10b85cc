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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * Distinct signed webhooks from many concurrent clients, each answer written to a {@link Ledger}. Bounded: it
 * stops after its count of events, when told to, or at its deadline, whichever comes first.
 */
public final class WebhookLoad implements AutoCloseable {

    private static final String[] INBOUND = {"inbound-sms-text", "inbound-whatsapp-text", "inbound-mms-image",
            "inbound-rcs-vcard", "inbound-messenger-text", "inbound-viber-text"};
    private static final String[] STATUS = {"submitted", "delivered", "read", "rejected", "undeliverable"};

    private final Supplier<URI> inbound;
    private final Supplier<URI> status;
    private final Ledger ledger;
    private final WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
    // HTTP/1.1, as Vonage sends: with HTTP/2 the client itself caps the concurrent requests
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Long> answerMillis = java.util.Collections.synchronizedList(new ArrayList<>());
    private ExecutorService clients;
    private List<Future<?>> running;

    /** The URIs are asked for on every request, so that a test can point the load at another router. */
    public WebhookLoad(Supplier<URI> inbound, Supplier<URI> status, Ledger ledger) {
        this.inbound = inbound;
        this.status = status;
        this.ledger = ledger;
    }

    public WebhookLoad start(int concurrency, int events, Duration deadline) {
        clients = Executors.newFixedThreadPool(concurrency);
        Instant end = Instant.now().plus(deadline);
        running = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            running.add(clients.submit(() -> {
                int n;
                while (!stopped.get() && Instant.now().isBefore(end) && (n = next.getAndIncrement()) < events) {
                    sendOne(n);
                }
            }));
        }
        return this;
    }

    private void sendOne(int n) {
        String uuid = UUID.randomUUID().toString();
        boolean isInbound = n % 2 == 0;
        String key;
        String json;
        if (isInbound) {
            json = Samples.withUuid(INBOUND[n / 2 % INBOUND.length], uuid);
            key = "inbound:" + uuid;
        } else {
            String statusName = STATUS[n / 2 % STATUS.length];
            json = Samples.withUuid("status-" + statusName, uuid);
            key = "status:" + uuid + ":" + statusName;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(isInbound ? inbound.get() : status.get())
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", signer.authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        int answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            answer = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = 0;
        }
        answerMillis.add((System.nanoTime() - started) / 1_000_000);
        ledger.answered(key, answer);
    }

    public void stop() {
        stopped.set(true);
    }

    /** Waits for every client to finish its current request and stop. */
    public void awaitDone(Duration within) throws Exception {
        for (Future<?> client : running) {
            client.get(within.toMillis(), TimeUnit.MILLISECONDS);
        }
        clients.shutdown();
    }

    /** The slowest answer so far (or failure to get one), in milliseconds. */
    public long slowestMillis() {
        synchronized (answerMillis) {
            return answerMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    @Override
    public void close() {
        stop();
        if (clients != null) {
            clients.shutdownNow();
        }
    }
}
