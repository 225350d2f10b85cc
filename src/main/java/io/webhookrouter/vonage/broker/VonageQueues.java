package io.webhookrouter.vonage.broker;

import java.util.List;
import java.util.stream.Stream;

/** The queue names of the default routing table (README, *Routing: where events go*). */
public final class VonageQueues {

    public static final String INGEST = "vonage.ingest";
    public static final String INVALID = "vonage.invalid";
    public static final String DEAD = "vonage.dead";
    /** Outboxes: one per non-JMS destination, each drained by a consumer with its own retries. */
    public static final String OUTBOX_ARCHIVE = "vonage.outbox.archive";
    public static final String OUTBOX_EMAIL = "vonage.outbox.email";
    public static final String OUTBOX_MEDIA = "vonage.outbox.media";
    /** One manifest per inbound event whose media was stored (MEDIA_CAPTURE_ENABLED). */
    public static final String MEDIA = "vonage.media";
    public static final String INBOUND_UNKNOWN = "vonage.inbound.unknown";
    public static final String STATUS_UNKNOWN = "vonage.status.unknown";

    public static final List<String> CHANNELS = List.of("sms", "mms", "rcs", "whatsapp", "messenger", "viber_service");
    public static final List<String> STATUSES = List.of("submitted", "delivered", "read", "rejected", "undeliverable");

    private VonageQueues() {
    }

    /** Every queue the shipped routes use; the embedded broker creates them up front. */
    public static List<String> all() {
        return Stream.of(
                        Stream.of(INGEST, INVALID, DEAD, OUTBOX_ARCHIVE, OUTBOX_EMAIL, OUTBOX_MEDIA, MEDIA),
                        Stream.concat(CHANNELS.stream(), Stream.of("unknown")).map(c -> "vonage.inbound." + c),
                        Stream.concat(STATUSES.stream(), Stream.of("unknown")).map(s -> "vonage.status." + s))
                .flatMap(s -> s)
                .toList();
    }
}
