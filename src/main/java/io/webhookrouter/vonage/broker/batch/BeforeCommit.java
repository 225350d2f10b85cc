package io.webhookrouter.vonage.broker.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a route's steps leave for just before their {@code jms-batch:} transaction commits, done once for the whole
 * batch (the archive's file syncs, all at once rather than one by one). Each exchange of a batch carries it as
 * the property {@link #PROPERTY}; a failure fails the batch, which is rolled back and delivered again.
 * <p>
 * Only the batch's own thread may leave work, and only until the work runs: a copy of an exchange that a route
 * hands to another thread (a {@code wireTap}, {@code threads}, an asynchronous step) may get there after the
 * commit, and work left then would never run. Such a step asks {@link #takesWorkHere()} and does its work itself.
 */
public final class BeforeCommit {

    /** The exchange property that holds the batch's {@code BeforeCommit}; absent outside a {@code jms-batch:} route. */
    public static final String PROPERTY = "VonageBeforeCommit";

    /** One kind of work, gathered from the batch's events. */
    public interface Work {
        void run() throws Exception;
    }

    private final Map<Object, Work> work = new LinkedHashMap<>();
    private final Thread batchThread = Thread.currentThread();
    private boolean ran;

    /** Whether work left now is sure to run before the batch commits: on the batch's thread, before it ran. */
    public boolean takesWorkHere() {
        return !ran && Thread.currentThread() == batchThread;
    }

    /**
     * The batch's work of {@code kind}, made the first time an event of the batch asks for it.
     *
     * @throws IllegalStateException where it {@linkplain #takesWorkHere() takes no work}
     */
    @SuppressWarnings("unchecked")
    public <T extends Work> T work(Object kind, Supplier<T> create) {
        if (!takesWorkHere()) {
            throw new IllegalStateException("work for the end of a batch left " + (ran ? "after it ran" : "on "
                    + Thread.currentThread().getName() + ", not on the batch's thread " + batchThread.getName()));
        }
        return (T) work.computeIfAbsent(kind, any -> create.get());
    }

    void run() throws Exception {
        ran = true;
        for (Work each : work.values()) {
            each.run();
        }
    }
}
