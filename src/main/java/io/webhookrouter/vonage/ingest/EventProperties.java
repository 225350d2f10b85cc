package io.webhookrouter.vonage.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.webhookrouter.vonage.event.ClassifiedEvent;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.signature.VerifiedToken;

/** The JMS properties every stored event carries (docs/operating.md, *What is stored*), so consumers route without parsing the body. */
public final class EventProperties {

    /** The start of every property's name below but the message group's: what a destination outside the broker gets. */
    public static final String PREFIX = "Vonage";
    public static final String EVENT_TYPE = "VonageEventType";
    public static final String CHANNEL = "VonageChannel";
    public static final String STATUS = "VonageStatus";
    public static final String MESSAGE_TYPE = "VonageMessageType";
    public static final String MESSAGE_UUID = "VonageMessageUuid";
    public static final String RECEIVED_AT = "VonageReceivedAt";
    public static final String API_KEY = "VonageApiKey";
    public static final String APPLICATION_ID = "VonageApplicationId";
    public static final String INVALID_REASON = "VonageInvalidReason";
    /** JMS message groups: one consumer sees every event of one message, in order. */
    public static final String GROUP_ID = "JMSXGroupID";

    private EventProperties() {
    }

    public static Map<String, String> of(ClassifiedEvent event, VerifiedToken token, Instant receivedAt) {
        Map<String, String> properties = common(event.kind(), token, receivedAt);
        properties.put(CHANNEL, event.channel());
        putIfPresent(properties, STATUS, event.status());
        putIfPresent(properties, MESSAGE_TYPE, event.messageType());
        properties.put(MESSAGE_UUID, event.messageUuid());
        properties.put(GROUP_ID, event.messageUuid());
        return properties;
    }

    public static Map<String, String> ofInvalid(WebhookKind kind, String reason, VerifiedToken token,
                                                Instant receivedAt) {
        Map<String, String> properties = common(kind, token, receivedAt);
        properties.put(INVALID_REASON, reason);
        return properties;
    }

    private static Map<String, String> common(WebhookKind kind, VerifiedToken token, Instant receivedAt) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(EVENT_TYPE, kind.eventType());
        properties.put(RECEIVED_AT, receivedAt.toString());
        putIfPresent(properties, API_KEY, token.apiKey());
        putIfPresent(properties, APPLICATION_ID, token.applicationId());
        return properties;
    }

    private static void putIfPresent(Map<String, String> properties, String name, String value) {
        if (value != null) {
            properties.put(name, value);
        }
    }
}
