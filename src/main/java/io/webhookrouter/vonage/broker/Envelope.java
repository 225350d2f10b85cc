package io.webhookrouter.vonage.broker;

import java.util.Map;

/**
 * One message for the broker: its queue, its body (text when it is valid UTF-8 JSON, the raw bytes
 * otherwise), its string properties, and the key the broker de-duplicates on.
 */
public record Envelope(String queue, String text, byte[] bytes, Map<String, String> properties,
                       String duplicateId) {

    public static Envelope text(String queue, String text, Map<String, String> properties, String duplicateId) {
        return new Envelope(queue, text, null, properties, duplicateId);
    }

    public static Envelope bytes(String queue, byte[] bytes, Map<String, String> properties, String duplicateId) {
        return new Envelope(queue, null, bytes, properties, duplicateId);
    }
}
