package io.webhookrouter.vonage.tools.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts a webhook as Vonage does: HTTP/1.1, JSON, within Vonage's own timeouts (3 s to connect, 15 s in all). */
final class WebhookClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    /** @param authorization the Authorization header, or null to send none */
    WebhookAnswer post(URI uri, byte[] body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("User-Agent", "vonage-webhook-router-simulator")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new WebhookAnswer(response.statusCode(), "HTTP/1.1 " + response.statusCode(), response.body());
    }
}
