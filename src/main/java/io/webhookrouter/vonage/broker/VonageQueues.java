package io.webhookrouter.vonage.broker;

import java.util.List;
import java.util.stream.Stream;

/** The queue names of the default routing table (SPEC §4). */
public final class VonageQueues {

    public static final String INGEST = "vonage.ingest";
    public static final String INVALID = "vonage.invalid";
    public static final String DEAD = "vonage.dead";

    public static final List<String> CHANNELS = List.of("sms", "mms", "rcs", "whatsapp", "messenger", "viber_service");
    public static final List<String> STATUSES = List.of("submitted", "delivered", "read", "rejected", "undeliverable");

    private VonageQueues() {
    }

    /** Every queue the shipped routes use; the embedded broker creates them up front. */
    public static List<String> all() {
        return Stream.of(
                        Stream.of(INGEST, INVALID, DEAD),
                        Stream.concat(CHANNELS.stream(), Stream.of("unknown")).map(c -> "vonage.inbound." + c),
                        Stream.concat(STATUSES.stream(), Stream.of("unknown")).map(s -> "vonage.status." + s))
                .flatMap(s -> s)
                .toList();
    }
}
