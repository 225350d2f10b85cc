package io.webhookrouter.vonage.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * One event loop's share of the load: its own HTTP client with its own keep-alive connections to 127.0.0.1,
 * so that the connections, their I/O and the latency bookkeeping all stay on this lane's event loop.
 * {@link #send} must be called on {@link #context()}.
 */
final class LoadLane extends AbstractVerticle {

    static final long REQUEST_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final int port;
    private final int connections;
    private HttpClient client;
    private Map<String, RequestOptions> requestByPath;

    LoadLane(int port, int connections) {
        this.port = port;
        this.connections = connections;
    }

    @Override
    public void start() {
        client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections));
        requestByPath = Map.of(
                "/webhooks/inbound", requestTo("/webhooks/inbound"),
                "/webhooks/status", requestTo("/webhooks/status"));
    }

    private RequestOptions requestTo(String path) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS);
    }

    Context context() {
        return context;
    }

    int connections() {
        return connections;
    }

    /**
     * Sends one request and records its latency, measured from {@code intendedNanos} (when the schedule said it
     * should have gone out, which is what corrects for coordinated omission), then runs {@code done}.
     */
    void send(WebhookRequest request, long intendedNanos, LatencyTally tally, Runnable done) {
        client.request(requestByPath.get(request.path()))
                .compose(http -> http
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.AUTHORIZATION, request.authorization())
                        .send(Buffer.buffer(request.body())))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(outcome -> {
                    if (outcome.succeeded()) {
                        tally.answered(outcome.result(), intendedNanos, System.nanoTime());
                    } else {
                        tally.failed(outcome.cause());
                    }
                    done.run();
                });
    }
}
