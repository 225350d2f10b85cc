package io.webhookrouter.vonage.ingest;

import java.time.Clock;
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
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.event.ClassifiedEvent;
import io.webhookrouter.vonage.event.EventClassifier;
import io.webhookrouter.vonage.event.InvalidEvent;
import io.webhookrouter.vonage.event.StrictUtf8;
import io.webhookrouter.vonage.event.WebhookKind;
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
    private final Clock clock;

    /** @param verifier null when signature verification is switched off (development only) */
    public WebhookIngestProcessor(WebhookKind kind, SignatureVerifier verifier, EventClassifier classifier,
                                  JmsHandoff handoff, Clock clock) {
        this.kind = kind;
        this.verifier = verifier;
        this.classifier = classifier;
        this.handoff = handoff;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Answer answer;
        try {
            answer = handle(exchange.getIn());
        } catch (RuntimeException unexpected) {
            LOG.error("Unexpected failure on the {} webhook; answering 503 so that Vonage retries", kind.eventType(),
                    unexpected);
            answer = Answer.UNAVAILABLE;
        }
        respond(exchange.getMessage(), answer);
    }

    private Answer handle(Message request) {
        if (!"POST".equals(request.getHeader(Exchange.HTTP_METHOD, String.class))) {
            return Answer.METHOD_NOT_ALLOWED;
        }
        if (!isJson(request.getHeader(Exchange.CONTENT_TYPE, String.class))) {
            LOG.warn("Refused {} webhook: content type is not JSON (415)", kind.eventType());
            return Answer.UNSUPPORTED_MEDIA_TYPE;
        }
        byte[] body = request.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        VerifiedToken token;
        try {
            token = verify(request.getHeader("Authorization"), body);
        } catch (SignatureRejected rejected) {
            Answer answer = rejected.reason() == SignatureRejected.Reason.MISSING_TOKEN
                    ? Answer.UNSIGNED : Answer.UNAUTHORIZED;
            LOG.warn("Refused {} webhook: signature {} ({})", kind.eventType(), rejected.reason(), answer.status());
            return answer;
        }
        return store(envelope(body, token));
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

    private Envelope envelope(byte[] body, VerifiedToken token) {
        Instant receivedAt = clock.instant();
        try {
            String json = StrictUtf8.decode(body);
            ClassifiedEvent event = classifier.classify(kind, json);
            return Envelope.text(VonageQueues.INGEST, json, EventProperties.of(event, token, receivedAt),
                    event.deduplicationKey());
        } catch (InvalidEvent invalid) {
            LOG.warn("Verified {} webhook is not a valid event ({}); parking it in {}", kind.eventType(),
                    invalid.getMessage(), VonageQueues.INVALID);
            return Envelope.bytes(VonageQueues.INVALID, body,
                    EventProperties.ofInvalid(kind, invalid.getMessage(), token, receivedAt),
                    "invalid:" + Sha256.hex(body));
        }
    }

    private Answer store(Envelope envelope) {
        try {
            handoff.store(envelope);
            if (LOG.isDebugEnabled()) {
                LOG.debug("Stored {} webhook {} in {}", kind.eventType(), envelope.duplicateId(), envelope.queue());
            }
            return Answer.ACCEPTED;
        } catch (HandoffFailed failed) {
            LOG.warn("Answering 503 to a {} webhook: {} ({})", kind.eventType(), failed.getMessage(),
                    failed.getCause() == null ? "timeout" : failed.getCause().toString());
            return Answer.UNAVAILABLE;
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
        response.setBody(answer.body());
    }
}
