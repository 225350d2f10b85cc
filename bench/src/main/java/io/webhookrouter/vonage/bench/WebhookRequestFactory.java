package io.webhookrouter.vonage.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * Makes distinct, correctly signed webhooks from the specification's samples: each has a fresh message_uuid,
 * a body padded to a random size (an unknown field, which the router must accept) and its own token
 * (fresh jti and iat), cycling through every channel and status.
 */
public final class WebhookRequestFactory {

    public static final int MIN_BODY_BYTES = 400;
    public static final int MAX_BODY_BYTES = 1_500;
    static final String SECRET = "bench-signature-secret";
    static final String API_KEY = "bench01";
    static final String APPLICATION_ID = "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab";

    private static final List<String> SAMPLES = List.of(
            "inbound-sms-text", "status-submitted", "inbound-whatsapp-text", "status-delivered",
            "inbound-mms-image", "status-read", "inbound-rcs-vcard", "status-rejected",
            "inbound-messenger-text", "status-undeliverable", "inbound-viber-text", "inbound-whatsapp-location",
            "inbound-whatsapp-reply", "inbound-messenger-unsupported");
    private static final String PADDING_FIELD = ",\"bench_padding\":\"";
    private static final String UUID_PLACEHOLDER = "{message_uuid}";

    private final List<String> templates = SAMPLES.stream()
            .map(name -> SampleWebhooks.withUuid(name, UUID_PLACEHOLDER).strip())
            .toList();
    private final WebhookSigner signer = new WebhookSigner(SECRET, API_KEY, APPLICATION_ID);

    /** The {@code index}-th request, with a body of a random size between the bounds. */
    public WebhookRequest create(long index) {
        return create(index, ThreadLocalRandom.current().nextInt(MIN_BODY_BYTES, MAX_BODY_BYTES + 1));
    }

    /** The {@code index}-th request: the sample is chosen by index so that any run mixes all of them. */
    public WebhookRequest create(long index, int bodyBytes) {
        int sample = (int) (index % SAMPLES.size());
        String path = SAMPLES.get(sample).startsWith("inbound-") ? "/webhooks/inbound" : "/webhooks/status";
        String json = templates.get(sample).replace(UUID_PLACEHOLDER, UUID.randomUUID().toString());
        byte[] body = padded(json, bodyBytes);
        return new WebhookRequest(path, body, signer.authorization(body, Instant.now()));
    }

    /** The JSON object with an extra string field that brings it to exactly {@code size} UTF-8 bytes. */
    private static byte[] padded(String json, int size) {
        byte[] unpadded = json.getBytes(StandardCharsets.UTF_8);
        int fill = size - unpadded.length - PADDING_FIELD.length() - 1;
        if (fill < 0) {
            return unpadded;
        }
        String withPadding = json.substring(0, json.length() - 1) + PADDING_FIELD + "x".repeat(fill) + "\"}";
        return withPadding.getBytes(StandardCharsets.UTF_8);
    }
}
