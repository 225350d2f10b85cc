package io.webhookrouter.vonage.event;

import java.util.List;

/**
 * The channels and statuses Vonage's Messages API puts in its webhooks today. Facts about the payloads, not
 * routing rules: where each goes is in the route files alone. Used where a payload value must come from a
 * bounded set (metric labels) or be chosen from one (the simulator); an unknown value is still a valid event.
 */
public final class MessagesApi {

    public static final List<String> CHANNELS = List.of("sms", "mms", "rcs", "whatsapp", "messenger", "viber_service");
    public static final List<String> STATUSES = List.of("submitted", "delivered", "read", "rejected", "undeliverable");

    private MessagesApi() {
    }
}
