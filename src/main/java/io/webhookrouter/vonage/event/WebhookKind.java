package io.webhookrouter.vonage.event;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two webhooks Vonage's Messages API calls, with the fields each must carry (docs/operating.md, *What is stored*;
 * Vonage's Messages API).
 */
public enum WebhookKind {

    INBOUND("inbound", List.of("channel", "message_uuid", "to", "from", "timestamp", "message_type")),
    STATUS("status", List.of("message_uuid", "to", "from", "timestamp", "status", "channel"));

    private final String eventType;
    private final List<String> requiredFields;

    WebhookKind(String eventType, List<String> requiredFields) {
        this.eventType = eventType;
        this.requiredFields = requiredFields;
    }

    /** The value of the {@code VonageEventType} property and the webhook path segment. */
    public String eventType() {
        return eventType;
    }

    /** The kind whose {@link #eventType()} this is: a webhook path segment or a message's property. */
    public static Optional<WebhookKind> ofEventType(String eventType) {
        return Arrays.stream(values()).filter(kind -> kind.eventType.equals(eventType)).findFirst();
    }

    List<String> requiredFields() {
        return requiredFields;
    }
}
