package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.HostileBodies;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterHealth;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.WebhookLoad;

/**
 * Far more concurrent webhooks than the router takes at once: it sheds the excess with 503 (Vonage retries),
 * never drops a connection, stores every event it acknowledged, and is back to normal once the flood is over.
 */
class FloodIT {

    private static final int MAX_IN_FLIGHT = 8;
    private static final int FLOOD = 200;

    @Test
    void shedsAFloodBeyondCapacityWith503sRoutesEvery200AndRecovers() throws Exception {
        try (RouterProcess router = new RouterProcess(Files.createTempDirectory("flood-it"), "flood")
                .with("WEBHOOK_MAX_IN_FLIGHT", String.valueOf(MAX_IN_FLIGHT))
                .start()) {
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            Ledger flood = fireAtOnce(router, FLOOD, failures);
            System.out.println("flood: " + flood + ", failures " + failures);

            assertThat(failures).as("requests that got no answer").isEmpty();
            assertThat(flood.answerCounts().keySet()).as("answers to the flood")
                    .isSubsetOf(200, 429, 503)
                    .contains(200)
                    .containsAnyOf(429, 503);
            assertThat(Destinations.drainInto(flood, router.brokerUrl(), Duration.ofSeconds(60))).isZero();
            assertThat(flood.lost()).as("acknowledged but not routed").isEmpty();
            assertThat(flood.duplicates()).isEmpty();

            Ledger afterwards = new Ledger();
            try (WebhookLoad oneByOne = new WebhookLoad(() -> router.webhook("inbound"),
                    () -> router.webhook("status"), afterwards).start(1, 10, Duration.ofSeconds(30))) {
                oneByOne.awaitDone(Duration.ofSeconds(60));
            }
            assertThat(afterwards.answerCounts()).as("answers once the flood is over").containsOnlyKeys(200);
            Destinations.drainInto(afterwards, router.brokerUrl(), Duration.ofSeconds(60));
            assertThat(afterwards.lost()).isEmpty();
            assertThat(RouterHealth.of(router)).contains("\"status\":\"UP\"");
        }
    }

    /**
     * Sends that many distinct signed events all at once, each on a connection of its own (HTTP/1.1, as Vonage
     * calls), and waits for every answer; a request that got none is counted in the failures by its error.
     */
    private static Ledger fireAtOnce(RouterProcess router, int events, Map<String, Integer> failures)
            throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
        Ledger ledger = new Ledger();
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String path = i % 2 == 0 ? "inbound" : "status";
            String uuid = UUID.randomUUID().toString();
            byte[] body = HostileBodies.event(path, uuid);
            HttpRequest request = HttpRequest.newBuilder(router.webhook(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", signer.authorization(body, Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            String key = HostileBodies.eventKey(path, uuid);
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        ledger.answered(key, failure == null ? response.statusCode() : 0);
                        if (failure != null) {
                            failures.merge(String.valueOf(failure.getCause() == null ? failure : failure.getCause()),
                                    1, Integer::sum);
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        return ledger;
    }
}
