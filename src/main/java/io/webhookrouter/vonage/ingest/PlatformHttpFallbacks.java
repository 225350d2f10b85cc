package io.webhookrouter.vonage.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers the webhook server gives where no Camel route does:
 * <ul>
 * <li>a webhook that arrives while the routes are not started (start-up, shutdown) gets 503, so that Vonage
 * retries, instead of Vert.x's 404, which Vonage would take as final;</li>
 * <li>an oversized body, refused by Vert.x before any route runs, gets the same problem+json 413 as every
 * other error.</li>
 * </ul>
 */
public final class PlatformHttpFallbacks implements StartupListener {

    private final int serverPort;

    /** @param serverPort the port of the webhook server (the management server has a router of its own) */
    public PlatformHttpFallbacks(int serverPort) {
        this.serverPort = serverPort;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the HTTP server is up here, the routes are not yet
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        if (router != null) {
            router.route("/webhooks/*").last().handler(ctx -> answer(ctx, Answer.UNAVAILABLE));
            // Vert.x hands a sub-router's failures to the parent router's error handlers, which Camel does not
            // expose; a failure handler on the platform router itself sees them first
            router.route().failureHandler(PlatformHttpFallbacks::payloadTooLarge);
        }
    }

    private static void payloadTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == Answer.PAYLOAD_TOO_LARGE.status()) {
            ctx.response().putHeader("Connection", "close");
            answer(ctx, Answer.PAYLOAD_TOO_LARGE);
        } else {
            ctx.next();
        }
    }

    private static void answer(RoutingContext ctx, Answer answer) {
        if (!ctx.response().ended()) {
            ctx.response()
                    .setStatusCode(answer.status())
                    .putHeader("Content-Type", Answer.PROBLEM_JSON)
                    .end(Buffer.buffer(answer.body()));
        }
    }
}
