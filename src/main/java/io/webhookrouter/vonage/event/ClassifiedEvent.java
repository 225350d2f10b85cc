package io.webhookrouter.vonage.event;

/**
 * What routing needs to know about a well-formed event; {@code status} is null for inbound events and
 * {@code messageType} is null for status events.
 */
public record ClassifiedEvent(WebhookKind kind, String channel, String messageUuid, String status,
                              String messageType) {

    /**
     * The de-duplication key (docs/operating.md, *What is stored*): a retried callback carries the same key, a new status of the same
     * message a different one.
     */
    public String deduplicationKey() {
        return kind == WebhookKind.INBOUND
                ? "inbound:" + messageUuid
                : "status:" + messageUuid + ":" + status;
    }
}
