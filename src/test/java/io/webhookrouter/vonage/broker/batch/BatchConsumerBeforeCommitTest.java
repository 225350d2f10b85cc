package io.webhookrouter.vonage.broker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.routing.SyncWrittenFile;

/** Work a route's steps leave for the end of their batch (the archive's file syncs), on a real broker. */
class BatchConsumerBeforeCommitTest {

    private static final String OUTBOX = "ops.outbox";
    private static final String DESTINATION = "ops.destination";

    @TempDir
    Path dataDir;
    @TempDir
    Path archive;
    private BatchRouteFixture fixture;
    /** The events each run of the batch's work had gathered. */
    private final List<List<String>> runs = new CopyOnWriteArrayList<>();
    /** Runs of the work that fail before one succeeds. */
    private final AtomicInteger failuresToCome = new AtomicInteger();

    @BeforeEach
    void startBroker() throws Exception {
        // a failed batch comes back quickly
        fixture = BatchRouteFixture.started(dataDir, BatchRouteFixture.QUICK_REDELIVERY);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theWorkOfAllTheEventsOfABatchRunsOnceBeforeItCommits() throws Exception {
        storeThreeEvents();

        startRoute(route -> route.process(this::leaveWorkForTheCommit));

        assertThat(fixture.receive(DESTINATION, 3)).containsExactlyInAnyOrder("event-1", "event-2", "event-3");
        assertThat(runs).containsExactly(List.of("event-1", "event-2", "event-3"));
    }

    @Test
    void aBatchWhoseWorkFailsIsRolledBackAndEachEventArrivesOnceWhenItSucceeds() throws Exception {
        failuresToCome.set(1);
        storeThreeEvents();

        startRoute(route -> route.process(this::leaveWorkForTheCommit));

        assertEachEventArrivedOnceAndLeftTheOutbox();
        assertThat(runs.get(0)).as("the first run, which failed").hasSize(3);
    }

    @Test
    void aBatchWhoseArchiveFileIsGoneWhenItsSyncsRunIsRolledBackAndWrittenAgain() throws Exception {
        storeThreeEvents();
        AtomicBoolean goneOnce = new AtomicBoolean();

        startRoute(route -> route
                .to("file:" + archive + "?fileName=${body}.json")
                .process(new SyncWrittenFile())
                // the disk loses event-2's file between its write and the batch's syncs, once
                .process(exchange -> {
                    if ("event-2".equals(exchange.getIn().getBody(String.class)) && goneOnce.compareAndSet(false, true)) {
                        Files.delete(Path.of(exchange.getIn().getHeader(Exchange.FILE_NAME_PRODUCED, String.class)));
                    }
                }));

        assertEachEventArrivedOnceAndLeftTheOutbox();
        assertThat(goneOnce).isTrue();
        assertThat(archive.resolve("event-2.json")).as("written again by the redelivery").exists();
    }

    private void storeThreeEvents() throws Exception {
        for (int i = 1; i <= 3; i++) {
            fixture.store(OUTBOX, "event-" + i);
        }
    }

    /** Starts the route under test: {@code steps} between its batch consumer and its destination. */
    private void startRoute(Consumer<RouteDefinition> steps) throws Exception {
        fixture.startRoutes(new BatchConsumerComponent(), new RouteBuilder() {
            @Override
            public void configure() {
                RouteDefinition route = from("jms-batch:" + OUTBOX + "?maxBatchSize=16&lingerMillis=200");
                steps.accept(route);
                route.to("jms:queue:" + DESTINATION);
            }
        });
    }

    private void assertEachEventArrivedOnceAndLeftTheOutbox() throws Exception {
        // the failed batch's sends were rolled back with it: each event once, from its redelivery
        assertThat(fixture.receive(DESTINATION, 3)).containsExactlyInAnyOrder("event-1", "event-2", "event-3");
        assertThat(fixture.receiveOne(DESTINATION, Duration.ofSeconds(1)))
                .as("a copy the rolled-back batch left").isNull();
        fixture.awaitEmpty(OUTBOX);
        assertThat(fixture.broker.messageCountOrZero(OUTBOX)).as("left in the outbox").isZero();
    }

    private void leaveWorkForTheCommit(Exchange exchange) {
        BeforeCommit batch = exchange.getProperty(BeforeCommit.PROPERTY, BeforeCommit.class);
        batch.work(this, Gathered::new).events.add(exchange.getMessage().getBody(String.class));
    }

    private final class Gathered implements BeforeCommit.Work {
        private final List<String> events = new ArrayList<>();

        @Override
        public void run() {
            runs.add(List.copyOf(events));
            if (failuresToCome.getAndDecrement() > 0) {
                throw new IllegalStateException("the work before the commit failed, on purpose");
            }
        }
    }
}
