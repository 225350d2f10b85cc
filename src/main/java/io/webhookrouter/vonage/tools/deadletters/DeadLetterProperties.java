package io.webhookrouter.vonage.tools.deadletters;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.ingest.EventProperties;

/**
 * The properties the dead-letter handler of {@code routes/delivery.camel.yaml} adds to an event, and which of a
 * parked message's properties belong to the event itself.
 */
final class DeadLetterProperties {

    static final String PREFIX = "VonageDead";
    static final String REASON = PREFIX + "Reason";
    static final String ROUTE = PREFIX + "Route";

    private DeadLetterProperties() {
    }

    /** An event's own property (what the webhook stored): every Vonage* one but the dead-letter ones. */
    static boolean isEventProperty(String name) {
        return name.startsWith(EventProperties.PREFIX) && !name.startsWith(PREFIX);
    }

    /** Why a message was parked, whichever queue holds it. */
    static String reasonProperty(String queue) {
        return queue.equals(VonageQueues.INVALID)
                ? EventProperties.INVALID_REASON
                : REASON;
    }
}
