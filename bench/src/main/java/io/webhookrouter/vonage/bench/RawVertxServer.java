package io.webhookrouter.vonage.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * The "RAW" baseline: the least a Vert.x HTTP server can do for the two webhook paths. It reads the body (a
 * real server must) and answers 200, one server verticle per core, the usual way to scale Vert.x.
 * <p>
 * Usage: {@code RawVertxServer <port>}; listens on 127.0.0.1 only.
 */
public final class RawVertxServer extends AbstractVerticle {

    private final int port;

    private RawVertxServer(int port) {
        this.port = port;
    }

    public static void main(String... args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new RawVertxServer(port),
                        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
                .onSuccess(id -> System.out.println("RAW Vert.x server listening on 127.0.0.1:" + port))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer()
                .requestHandler(request -> {
                    String path = request.path();
                    boolean webhook = request.method() == HttpMethod.POST
                            && ("/webhooks/inbound".equals(path) || "/webhooks/status".equals(path));
                    request.body().onComplete(body -> request.response().setStatusCode(webhook ? 200 : 404).end());
                })
                .listen(port, "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }
}
