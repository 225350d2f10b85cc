package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch waits its linger for more events after the first, on a real broker. */
class BatchConsumerLingerTest {

    /** Long beside the gap between the two events, so that a slow machine does not split the batch. */
    private static final long LINGER_MILLIS = 3_000;
    private static final long GAP_MILLIS = 200;
    private static final String QUEUE = "ops.linger";

    @TempDir
    Path dataDir;
    private BatchRouteFixture fixture;
    private final Map<String, Long> routedAt = new ConcurrentHashMap<>();
    private final CountDownLatch bothRouted = new CountDownLatch(2);

    @BeforeEach
    void startBrokerAndRoute() throws Exception {
        fixture = BatchRouteFixture.started(dataDir);
        fixture.startRoutes(new BatchConsumerComponent(), new RouteBuilder() {
            @Override
            public void configure() {
                from("jms-batch:" + QUEUE + "?lingerMillis=" + LINGER_MILLIS).process(exchange -> {
                    routedAt.put(exchange.getIn().getBody(String.class), System.nanoTime());
                    bothRouted.countDown();
                });
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anEventThatComesWithinTheLingerIsRoutedInTheBatchOfTheOneBeforeIt() throws Exception {
        fixture.store(QUEUE, "first");
        Thread.sleep(GAP_MILLIS);
        long secondSentAt = System.nanoTime();
        fixture.store(QUEUE, "second");

        assertThat(bothRouted.await(30, TimeUnit.SECONDS)).isTrue();
        // a batch is taken whole before its first event is routed: the first waited for the second
        assertThat(routedAt.get("first")).isGreaterThan(secondSentAt);
    }
}
