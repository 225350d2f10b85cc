package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The router's own word on its health: {@code GET /observe/health} on the management port. */
public final class RouterHealth {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RouterHealth() {
    }

    /** The body of the health answer, e.g. {@code {"status":"UP"}}. */
    public static String of(RouterProcess router) throws IOException, InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + router.managementPort() + "/observe/health"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(health, HttpResponse.BodyHandlers.ofString()).body();
    }
}
