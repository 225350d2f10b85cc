package io.webhookrouter.vonage.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Vert.x answers an oversized body (413) itself, before any route runs; this gives that answer the same
 * problem+json body as every other error.
 */
public final class ProblemErrorPages implements StartupListener {

    private final int serverPort;

    /** @param serverPort the port of the webhook server (the management server has a router of its own) */
    public ProblemErrorPages(int serverPort) {
        this.serverPort = serverPort;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router only exists once the routes have started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        if (router != null) {
            // a failure handler on the platform router itself: Vert.x hands a sub-router's failures to the
            // parent router's error handlers, which Camel does not expose
            router.route().failureHandler(ProblemErrorPages::payloadTooLarge);
        }
    }

    private static void payloadTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() != Answer.PAYLOAD_TOO_LARGE.status()) {
            ctx.next();
        } else if (!ctx.response().ended()) {
            ctx.response()
                    .setStatusCode(Answer.PAYLOAD_TOO_LARGE.status())
                    .putHeader("Content-Type", Answer.PROBLEM_JSON)
                    .putHeader("Connection", "close")
                    .end(Buffer.buffer(Answer.PAYLOAD_TOO_LARGE.body()));
        }
    }
}
