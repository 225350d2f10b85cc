package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/**
 * Webhooks that arrive while the router starts or stops: from the first connection the port accepts until the
 * router is ready, and again while it stops, every answer is one Vonage retries (503), never a 4xx (final for
 * Vonage, so the event would be lost) nor a 500; and every 200 is in the broker.
 */
class StartAndStopUnderTrafficIT {

    private static final Duration PACE = Duration.ofMillis(2);

    @Test
    void webhooksArrivingFromBeforeStartToAfterStopAreAnsweredOnlyWith200Or503AndEvery200IsStored() throws Exception {
        Ledger ledger = new Ledger();
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();
        try (RouterProcess router = new RouterProcess(Files.createTempDirectory("start-stop-it"), "start-stop")) {
            AtomicBoolean stopped = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (String webhook : List.of("inbound", "status")) {
                running.add(clients.submit(() -> hammer(router.webhook(webhook), true, stopped, ledger, answers)));
                running.add(clients.submit(() -> hammer(router.webhook(webhook), false, stopped, ledger, answers)));
            }
            // the clients are sending before the JVM starts, through start-up and readiness...
            router.start();
            Thread.sleep(2000);
            // ...and through SIGTERM, until the port is closed
            router.terminate(Duration.ofSeconds(45));
            stopped.set(true);
            for (Future<?> client : running) {
                client.get(1, TimeUnit.MINUTES);
            }
            clients.shutdown();
            System.out.println("start and stop under traffic: answers " + answers + "; signed events: " + ledger);

            // 0: no answer (connection refused before the port opens and after it closes), which Vonage retries
            assertThat(answers.keySet()).as("answers while starting, running and stopping").isSubsetOf(Set.of(0, 200, 503));
            assertThat(answers).containsKey(200);
            router.start();
            Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofMinutes(2));
            assertThat(ledger.lost()).as("acknowledged but never delivered").isEmpty();
            assertThat(ledger.duplicates()).isEmpty();
        }
    }

    /** One client: a request every {@link #PACE}, signed events (each a new one) or unsigned ones. */
    private static Void hammer(URI webhook, boolean signed, AtomicBoolean stopped, Ledger ledger,
                               Map<Integer, Integer> answers) throws InterruptedException {
        WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        boolean inbound = webhook.getPath().endsWith("inbound");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!stopped.get() && Instant.now().isBefore(deadline)) {
            String uuid = UUID.randomUUID().toString();
            byte[] body = Samples.withUuid(inbound ? "inbound-sms-text" : "status-delivered", uuid)
                    .getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (signed) {
                request.header("Authorization", signer.authorization(body, Instant.now()));
            }
            int answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException refusedOrClosed) {
                answer = 0;
            }
            answers.merge(answer, 1, Integer::sum);
            if (signed) {
                ledger.answered(inbound ? "inbound:" + uuid : "status:" + uuid + ":delivered", answer);
            }
            Thread.sleep(PACE.toMillis());
        }
        return null;
    }
}
