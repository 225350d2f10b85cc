package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Measures start-up as a caller sees it: from the moment the process was started to the first 200 answer to a
 * signed webhook (for the router that includes the embedded broker and the persistent send).
 */
public final class StartupProbe {

    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final long PAUSE_MILLIS = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private final WebhookRequestFactory requests;
    private long counter;

    public StartupProbe(WebhookRequestFactory requests) {
        this.requests = requests;
    }

    /** Loads the client's classes before any clock runs, so they do not count against the target. */
    public void warmUp(int unusedPort) {
        try {
            send(requests.create(counter++), unusedPort);
        } catch (IOException | InterruptedException expected) {
            // nothing listens there: only the client's own start-up mattered
        }
    }

    /** Time from process start to the first 200; throws if the target dies or takes over a minute. */
    public Duration timeToFirst200(TargetProcess process, int port) throws InterruptedException {
        long giveUp = process.startedNanos() + GIVE_UP_AFTER.toNanos();
        WebhookRequest request = requests.create(counter++);
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the target exited during start-up; see " + process.log());
            }
            try {
                int status = send(request, port);
                if (status == 200) {
                    return Duration.ofNanos(System.nanoTime() - process.startedNanos());
                }
                // answered but not ready (e.g. broker not yet up): the next try must be a new event
                request = requests.create(counter++);
            } catch (IOException notListeningYet) {
                // try again in a moment
            }
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
        }
        throw new IllegalStateException("no 200 within " + GIVE_UP_AFTER + "; see " + process.log());
    }

    private int send(WebhookRequest request, int port) throws IOException, InterruptedException {
        HttpRequest http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", request.authorization())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        return this.http.send(http, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
