package io.webhookrouter.vonage.broker;

import java.util.function.LongSupplier;

/**
 * The events stored and not yet routed, against a limit. Past it the webhooks are answered 503 (Vonage retries)
 * until routing catches up: a router that acknowledged faster than it routes would only pile up a backlog that pages
 * to disk, slows every commit down and grows the heap, while a 503 costs an event a retry, never the event.
 */
public final class RoutingBacklog {

    private final LongSupplier waiting;
    private final long limit;

    /** @param limit events waiting to be routed past which new ones are refused; 0 for no limit */
    public RoutingBacklog(LongSupplier waiting, long limit) {
        this.waiting = waiting;
        this.limit = limit;
    }

    /** No limit: an external broker, whose own address settings (max-size-bytes, FAIL) bound the ingest queue. */
    public static RoutingBacklog unlimited() {
        return new RoutingBacklog(() -> 0, 0);
    }

    public boolean isFull() {
        return limit > 0 && waiting.getAsLong() >= limit;
    }

    public long limit() {
        return limit;
    }
}
