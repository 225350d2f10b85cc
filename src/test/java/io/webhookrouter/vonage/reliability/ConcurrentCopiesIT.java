package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.ArtemisServer;
import io.webhookrouter.vonage.support.ConcurrentCopies;
import io.webhookrouter.vonage.support.Destinations;
import io.webhookrouter.vonage.support.Ledger;
import io.webhookrouter.vonage.support.RouterProcess;

/**
 * The same event arriving several times at once, each copy with a valid token of its own: every copy is answered
 * 200 and the event reaches its queue exactly once, within one router and across two routers on one broker.
 */
class ConcurrentCopiesIT {

    private static final int EVENTS = 96;
    private static final int EVENTS_AT_ONCE = 8;
    private static final int COPIES = 8;

    @Test
    void copiesOfOneEventPostedAtOnceToOneRouterAreAllAcknowledgedAndRoutedOnce() throws Exception {
        Ledger ledger = new Ledger();
        try (RouterProcess router = new RouterProcess(Files.createTempDirectory("copies-it"), "copies-one").start()) {
            ConcurrentCopies copies = new ConcurrentCopies(ledger, COPIES);
            copies.post(EVENTS, EVENTS_AT_ONCE, copy -> router.webhook(""));

            Destinations.drainInto(ledger, router.brokerUrl(), Duration.ofMinutes(2));
            assertRoutedOnceAndAllAcknowledged(ledger, copies);
        }
    }

    @Test
    void copiesOfOneEventPostedAtOnceToTwoRoutersOnOneBrokerAreAllAcknowledgedAndRoutedOnce() throws Exception {
        Ledger ledger = new Ledger();
        try (ArtemisServer broker = new ArtemisServer("copies").start();
             RouterProcess first = broker.router("copies-two-1").start();
             RouterProcess second = broker.router("copies-two-2").start()) {
            ConcurrentCopies copies = new ConcurrentCopies(ledger, COPIES);
            // a load balancer spreading the copies of each event over both routers
            copies.post(EVENTS, EVENTS_AT_ONCE, copy -> (copy % 2 == 0 ? first : second).webhook(""));

            Destinations.drainInto(ledger, broker.urlWithLogin(), Duration.ofMinutes(2));
            assertRoutedOnceAndAllAcknowledged(ledger, copies);
        }
    }

    private static void assertRoutedOnceAndAllAcknowledged(Ledger ledger, ConcurrentCopies copies) {
        System.out.println("concurrent copies: " + ledger + ", answers per copy " + copies.answerCounts());
        assertThat(copies.answerCounts()).as("answers to the copies").isEqualTo(Map.of(200, EVENTS * COPIES));
        assertThat(ledger.lost()).as("acknowledged but never routed").isEmpty();
        assertThat(ledger.duplicates()).as("routed more than once").isEmpty();
        assertThat(ledger.foundCount()).isEqualTo(EVENTS);
    }
}
