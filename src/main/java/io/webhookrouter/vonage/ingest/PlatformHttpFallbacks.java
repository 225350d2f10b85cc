package io.webhookrouter.vonage.ingest;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.event.WebhookKind;

/**
 * What the webhook server does around the Camel routes, on the Vert.x event loop:
 * <ul>
 * <li>sheds load: past {@code maxInFlight} webhooks being handled, a new one gets 503 at once (Vonage retries)
 * instead of queueing for a worker thread until Vonage's 15 s timeout;</li>
 * <li>a webhook that arrives while the routes are not started (start-up, shutdown) gets 503, so that Vonage
 * retries, instead of Vert.x's 404, which Vonage would take as final; {@link WebhookHttpServerFactory} puts these
 * fallbacks on the server before it accepts a connection;</li>
 * <li>an oversized body, refused by Vert.x before any route runs, gets the same problem+json 413 as every
 * other error;</li>
 * <li>a request not answered within the request timeout (a client trickling its body, say) gets a problem+json
 * 503, so that Vonage retries;</li>
 * <li>any other failure around a webhook (Camel refusing work while it stops, say) gets 503 rather than the
 * 500 of Vert.x or Camel.</li>
 * </ul>
 * The timeout's answer closes the connection: a slow client must not keep it once it has its answer.
 */
public final class PlatformHttpFallbacks implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformHttpFallbacks.class);
    private static final String WEBHOOKS = "/webhooks/*";

    private final int serverPort;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean installed = new AtomicBoolean();

    /**
     * @param serverPort  the port of the webhook server (the management server has a router of its own)
     * @param maxInFlight webhooks handled at once before new ones are shed
     */
    public PlatformHttpFallbacks(int serverPort, int maxInFlight) {
        this.serverPort = serverPort;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Without {@link WebhookHttpServerFactory} (an application of its own that did not bind it), the fallbacks go on
     * here: the HTTP server is up, the routes are not yet, and a webhook that came before got Vert.x's 404.
     */
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        installOn(context);
    }

    /** Puts the fallbacks on the webhook server's router, once; from then on no webhook gets a 404. */
    public void installOn(CamelContext context) {
        if (installed.getAndSet(true)) {
            return;
        }
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(serverPort));
        if (router == null) {
            throw new IllegalStateException("The webhook HTTP server on port " + serverPort + " is not running");
        }
        router.route(WEBHOOKS).order(Integer.MIN_VALUE).handler(this::shedLoad);
        for (WebhookKind kind : WebhookKind.values()) {
            router.route("/webhooks/" + kind.eventType()).last().handler(ctx -> answer(ctx, Answer.UNAVAILABLE));
        }
        // Vert.x hands a sub-router's failures to the parent router's error handlers, which Camel does not
        // expose; a failure handler on the platform router itself sees them first
        router.route().failureHandler(PlatformHttpFallbacks::onFailure);
    }

    private void shedLoad(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            LOG.warn("Shedding a webhook: {} already in flight (503, Vonage retries)", maxInFlight);
            answer(ctx, Answer.OVERLOADED);
            return;
        }
        ctx.addEndHandler(ended -> inFlight.decrementAndGet());
        ctx.addHeadersEndHandler(headers -> {
            if (ctx.response().getStatusCode() == 500) {
                // Camel's own answer to an exchange it refused before the router's processor ran (while the
                // routes stop, say): nothing was acknowledged, and Vonage retries a 503
                LOG.warn("A webhook was refused by Camel before it was handled; answering 503 (Vonage retries)");
                ctx.response().setStatusCode(Answer.UNAVAILABLE.status());
            }
        });
        ctx.next();
    }

    /**
     * 413 comes from the body handler, 503 from the request timeout's handler (Vert.x's TimeoutHandler), a
     * closed connection from the request itself.
     */
    private static void onFailure(RoutingContext ctx) {
        if (ctx.statusCode() == Answer.PAYLOAD_TOO_LARGE.status()) {
            // the connection stays open: Vert.x drains and drops the rest of the body, where closing it with
            // unread bytes would reset it and the client would never read its 413
            answer(ctx, Answer.PAYLOAD_TOO_LARGE);
        } else if (ctx.statusCode() == Answer.UNAVAILABLE.status() && ctx.failure() == null) {
            LOG.warn("A webhook request was not answered within the request timeout; answering 503 and closing "
                    + "its connection (Vonage retries)");
            answerAndClose(ctx, Answer.UNAVAILABLE);
        } else if (ctx.failure() instanceof HttpClosedException) {
            // the connection is gone (closed here after an answer, or by the client mid-request): nobody is left
            // to answer, and Vert.x would log it as an unhandled ERROR
            LOG.debug("A webhook connection closed before its request was complete");
        } else if (ctx.normalizedPath().startsWith("/webhooks/")) {
            // any other failure around a webhook (Camel refusing work while it stops, say) would be Vert.x's 500:
            // nothing was acknowledged, so answer what the contract says when in doubt
            LOG.warn("A webhook failed outside the route ({}); answering 503 (Vonage retries)",
                    ctx.failure() == null ? "status " + ctx.statusCode() : ctx.failure().toString());
            answer(ctx, Answer.UNAVAILABLE);
        } else {
            ctx.next();
        }
    }

    private static void answerAndClose(RoutingContext ctx, Answer answer) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().putHeader("Connection", "close");
        Future<Void> written = answer(ctx, answer);
        // HTTP/1.x only: on HTTP/2 the connection carries other requests' streams as well
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            written.onComplete(done -> ctx.request().connection().close());
        }
    }

    private static Future<Void> answer(RoutingContext ctx, Answer answer) {
        if (ctx.response().ended()) {
            return Future.succeededFuture();
        }
        return ctx.response()
                .setStatusCode(answer.status())
                .putHeader("Content-Type", Answer.PROBLEM_JSON)
                .end(Buffer.buffer(answer.body()));
    }
}
