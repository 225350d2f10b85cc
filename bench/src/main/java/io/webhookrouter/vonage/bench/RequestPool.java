package io.webhookrouter.vonage.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Requests signed before a measured phase, so that signing costs the load generator nothing while it measures.
 * <p>
 * For the router every request must be new (the broker de-duplicates, and the audit counts distinct events),
 * so a pool that may not wrap simply runs dry and the phase ends early. The baselines check nothing, so their
 * pool may wrap and can stay small.
 */
public final class RequestPool {

    private final WebhookRequest[] requests;
    private final boolean mayWrap;
    private final AtomicLong taken = new AtomicLong();
    private volatile boolean ranDry;

    private RequestPool(WebhookRequest[] requests, boolean mayWrap) {
        this.requests = requests;
        this.mayWrap = mayWrap;
    }

    /** Signs {@code size} distinct requests, on every core (nothing is being measured meanwhile). */
    public static RequestPool generate(WebhookRequestFactory factory, int size, boolean mayWrap) {
        WebhookRequest[] requests = new WebhookRequest[size];
        IntStream.range(0, size).parallel().forEach(i -> requests[i] = factory.create(i));
        GeneratorPauses.settleBeforeMeasuring();
        return new RequestPool(requests, mayWrap);
    }

    /** The next request, or null when the pool may not wrap and every request has been taken. */
    public WebhookRequest next() {
        long index = taken.getAndIncrement();
        if (index >= requests.length && !mayWrap) {
            ranDry = true;
            return null;
        }
        return requests[(int) (index % requests.length)];
    }

    /** True once a request was wanted and none was left. */
    public boolean ranDry() {
        return ranDry;
    }

    public int size() {
        return requests.length;
    }
}
