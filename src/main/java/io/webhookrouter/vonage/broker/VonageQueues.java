package io.webhookrouter.vonage.broker;

/**
 * The broker names the Java code itself uses. Every other queue belongs to the route files, which are the only
 * routing table: the broker creates those queues when the routes first send to them.
 */
public final class VonageQueues {

    /** Where the webhooks store each event, and where routing takes it from. */
    public static final String INGEST = "vonage.ingest";
    /** Bodies the router could not parse, kept for a person to look at. */
    public static final String INVALID = "vonage.invalid";
    /** Events a delivery gave up on; also the broker's dead-letter address. */
    public static final String DEAD = "vonage.dead";
    /** No queue: the routing stage's markers, whose de-duplication keys refuse to route one stored event twice. */
    public static final String ROUTED = "vonage.routed";
    /** Every outbox: the queue a delivery route drains into a destination outside the broker (docs/destinations.md). */
    public static final String OUTBOXES = "vonage.outbox.#";

    private VonageQueues() {
    }
}
