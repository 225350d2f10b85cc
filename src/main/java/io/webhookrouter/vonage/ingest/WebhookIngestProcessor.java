package io.webhookrouter.vonage.ingest;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.broker.Envelope;
import io.webhookrouter.vonage.broker.HandoffFailed;
import io.webhookrouter.vonage.broker.JmsHandoff;
import io.webhookrouter.vonage.broker.RoutingBacklog;
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.event.ClassifiedEvent;
import io.webhookrouter.vonage.event.EventClassifier;
import io.webhookrouter.vonage.event.InvalidEvent;
import io.webhookrouter.vonage.event.StrictUtf8;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.metrics.WebhookMetrics;
import io.webhookrouter.vonage.signature.Sha256;
import io.webhookrouter.vonage.signature.SignatureRejected;
import io.webhookrouter.vonage.signature.SignatureVerifier;
import io.webhookrouter.vonage.signature.VerifiedToken;

/**
 * The whole request path of one webhook: check the request, verify the signature on the exact bytes received,
 * store the event with one persistent send, answer. It never throws: whatever goes wrong becomes an answer,
 * and only a confirmed send becomes a 200.
 */
public final class WebhookIngestProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngestProcessor.class);

    private final WebhookKind kind;
    private final SignatureVerifier verifier;
    private final EventClassifier classifier;
    private final JmsHandoff handoff;
    private final RoutingBacklog backlog;
    private final WebhookMetrics metrics;
    private final Clock clock;

    /** @param verifier null when signature verification is switched off (development only) */
    public WebhookIngestProcessor(WebhookKind kind, SignatureVerifier verifier, EventClassifier classifier,
                                  JmsHandoff handoff, RoutingBacklog backlog, WebhookMetrics metrics, Clock clock) {
        this.kind = kind;
        this.verifier = verifier;
        this.classifier = classifier;
        this.handoff = handoff;
        this.backlog = backlog;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = handle(exchange.getIn());
        } catch (RuntimeException unexpected) {
            LOG.error("Unexpected failure on the {} webhook; answering 503 so that Vonage retries", kind.eventType(),
                    unexpected);
            outcome = Outcome.of("unavailable", Answer.UNAVAILABLE, "unexpected");
        }
        respond(exchange.getMessage(), outcome.answer());
        record(outcome, Duration.ofNanos(System.nanoTime() - started));
    }

    private Outcome handle(Message request) {
        if (!"POST".equals(request.getHeader(Exchange.HTTP_METHOD, String.class))) {
            return Outcome.of("method_not_allowed", Answer.METHOD_NOT_ALLOWED, null);
        }
        if (!isJson(request.getHeader(Exchange.CONTENT_TYPE, String.class))) {
            return Outcome.of("unsupported_media_type", Answer.UNSUPPORTED_MEDIA_TYPE, null);
        }
        byte[] body = request.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        VerifiedToken token;
        try {
            token = verify(request.getHeader("Authorization"), body);
        } catch (SignatureRejected rejected) {
            return rejected.reason() == SignatureRejected.Reason.MISSING_TOKEN
                    ? Outcome.of("unsigned", Answer.UNSIGNED, null)
                    : Outcome.of("rejected", Answer.UNAUTHORIZED, rejected.reason().name().toLowerCase(Locale.ROOT));
        }
        Instant receivedAt = clock.instant();
        try {
            String json = StrictUtf8.decode(body);
            ClassifiedEvent event = classifier.classify(kind, json);
            return store(Envelope.text(VonageQueues.INGEST, json, EventProperties.of(event, token, receivedAt),
                    event.deduplicationKey()), event, null);
        } catch (InvalidEvent invalid) {
            return store(Envelope.bytes(VonageQueues.INVALID, body,
                    EventProperties.ofInvalid(kind, invalid.getMessage(), token, receivedAt),
                    "invalid:" + Sha256.hex(body)), null, invalid.getMessage());
        }
    }

    private VerifiedToken verify(Object authorization, byte[] body) throws SignatureRejected {
        if (verifier == null) {
            return VerifiedToken.UNVERIFIED;
        }
        if (authorization instanceof List<?> several) {
            throw new SignatureRejected(several.isEmpty()
                    ? SignatureRejected.Reason.MISSING_TOKEN : SignatureRejected.Reason.SEVERAL_TOKENS);
        }
        return verifier.verify(authorization == null ? null : authorization.toString(), body);
    }

    /** @param invalidReason why a verified body is parked in vonage.invalid, or null for a valid event */
    private Outcome store(Envelope envelope, ClassifiedEvent event, String invalidReason) {
        if (backlog.isFull()) {
            return new Outcome("overloaded", Answer.OVERLOADED, "backlog", event,
                    "more than " + backlog.limit() + " events wait to be routed");
        }
        try {
            handoff.store(envelope);
            return invalidReason == null
                    ? new Outcome("accepted", Answer.ACCEPTED, null, event, null)
                    : new Outcome("invalid", Answer.ACCEPTED, "invalid_event", null, invalidReason);
        } catch (HandoffFailed failed) {
            return new Outcome("unavailable", Answer.UNAVAILABLE, failed.getCause() == null ? "timeout" : "broker_error",
                    event, failed.getMessage() + (failed.getCause() == null ? "" : " (" + failed.getCause() + ")"));
        }
    }

    /** One log line and one count per request; never the token, the secret or the body. */
    private void record(Outcome outcome, Duration took) {
        ClassifiedEvent event = outcome.event();
        String channel = event == null ? null : event.channel();
        String status = event == null ? null : event.status();
        metrics.record(kind.eventType(), channel, status, outcome.name(), outcome.reason(), took);
        boolean unavailable = outcome.answer() == Answer.UNAVAILABLE;
        if (unavailable ? LOG.isWarnEnabled() : LOG.isInfoEnabled()) {
            String line = logLine(outcome, took);
            if (unavailable) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        }
    }

    /** Written on every request, so without String.format, which costs more than the rest of the line. */
    private String logLine(Outcome outcome, Duration took) {
        long tenthsOfMillis = (took.toNanos() + 50_000) / 100_000;
        StringBuilder line = new StringBuilder(160).append(kind.eventType()).append(" webhook ").append(outcome.name())
                .append(", answered ").append(outcome.answer().status())
                .append(" in ").append(tenthsOfMillis / 10).append('.').append(tenthsOfMillis % 10).append(" ms");
        ClassifiedEvent event = outcome.event();
        if (event != null) {
            line.append(": message_uuid=").append(event.messageUuid()).append(" channel=").append(event.channel());
            if (event.status() != null) {
                line.append(" status=").append(event.status());
            }
        }
        if (outcome.reason() != null) {
            line.append(" reason=").append(outcome.reason());
        }
        if (outcome.detail() != null) {
            line.append(" (").append(outcome.detail()).append(')');
        }
        return line.toString();
    }

    /**
     * @param name   the outcome label: accepted, invalid, rejected, unsigned, unavailable, ...
     * @param reason a short, bounded reason (a metric label), or null
     * @param detail free text for the log only, or null
     */
    private record Outcome(String name, Answer answer, String reason, ClassifiedEvent event, String detail) {
        static Outcome of(String name, Answer answer, String reason) {
            return new Outcome(name, answer, reason, null, null);
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    /**
     * Writes the answer. The request's headers are dropped first so that none of them, the Authorization
     * header least of all, is echoed back.
     */
    static void respond(Message response, Answer answer) {
        response.removeHeaders("*");
        response.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        if (answer == Answer.METHOD_NOT_ALLOWED) {
            response.setHeader("Allow", "POST");
        }
        if (answer.body().length > 0) {
            response.setHeader(Exchange.CONTENT_TYPE, Answer.PROBLEM_JSON);
        }
        // a ByteBuffer, not a byte[]: platform-http writes a ByteBuffer at once, with its Content-Length, where it
        // would stream a byte[] through an InputStream read on a worker thread (another thread hand-off per answer)
        response.setBody(ByteBuffer.wrap(answer.body()));
    }
}
