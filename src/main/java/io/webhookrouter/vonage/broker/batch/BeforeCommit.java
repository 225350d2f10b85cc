package io.webhookrouter.vonage.broker.batch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a route's steps leave for just before their {@code jms-batch:} transaction commits, done once for the whole
 * batch (the archive's file syncs, all at once rather than one by one). Each exchange of a batch carries it as
 * the property {@link #PROPERTY}; a failure fails the batch, which is rolled back and delivered again.
 */
public final class BeforeCommit {

    /** The exchange property that holds the batch's {@code BeforeCommit}; absent outside a {@code jms-batch:} route. */
    public static final String PROPERTY = "VonageBeforeCommit";

    /** One kind of work, gathered from the batch's events. */
    public interface Work {
        void run() throws Exception;
    }

    private final Map<Object, Work> work = new LinkedHashMap<>();

    /** The batch's work of {@code kind}, made the first time an event of the batch asks for it. */
    @SuppressWarnings("unchecked")
    public <T extends Work> T work(Object kind, Supplier<T> create) {
        return (T) work.computeIfAbsent(kind, any -> create.get());
    }

    void run() throws Exception {
        for (Work each : work.values()) {
            each.run();
        }
    }
}
