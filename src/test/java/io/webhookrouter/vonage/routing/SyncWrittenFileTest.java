package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.broker.batch.BeforeCommit;

class SyncWrittenFileTest {

    @TempDir
    Path archive;

    private CamelContext camel;

    @BeforeEach
    void startARouteThatWritesAFileAndSyncsIt() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("syncWrittenFile", new SyncWrittenFile());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:archive").to("file:" + archive + "?tempPrefix=.writing-").process("syncWrittenFile");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void syncsTheFileAFileStepWroteInDirectoriesItMadeForIt() {
        Exchange written = camel.createProducerTemplate().request("direct:archive", exchange -> {
            exchange.getMessage().setHeader(Exchange.FILE_NAME, "status/2026-12-04/aaaaaaaa-delivered.json");
            exchange.getMessage().setBody("{\"status\":\"delivered\"}");
        });

        assertThat(written.getException()).isNull();
        assertThat(archive.resolve("status/2026-12-04/aaaaaaaa-delivered.json")).hasContent("{\"status\":\"delivered\"}");
    }

    @Test
    void failsWhenTheFileItShouldSyncIsGoneSoTheEventStaysInItsOutbox() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, "status/gone.json");
        exchange.getMessage().setHeader(Exchange.FILE_NAME_PRODUCED, archive.resolve("status/gone.json").toString());

        assertThatThrownBy(() -> new SyncWrittenFile().process(exchange)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void syncsAtOnceOnACopyOfTheExchangeThatLeftItsBatchsThreadWhoseCommitWouldNotWaitForIt() {
        // the batch's hook, made on the batch's thread (this one); the step runs on a wireTap's thread
        BeforeCommit batch = new BeforeCommit();
        Exchange copy = new DefaultExchange(camel);
        copy.setProperty(BeforeCommit.PROPERTY, batch);
        copy.getMessage().setHeader(Exchange.FILE_NAME, "status/gone.json");
        copy.getMessage().setHeader(Exchange.FILE_NAME_PRODUCED, archive.resolve("status/gone.json").toString());

        CompletableFuture<Void> onAnotherThread = CompletableFuture.runAsync(() -> {
            try {
                new SyncWrittenFile().process(copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // it tried the sync itself, rather than leaving it to a batch that may have committed
        assertThatThrownBy(onAnotherThread::join).hasRootCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesToRunWhereNoFileStepWroteBeforeIt() throws Exception {
        Files.writeString(archive.resolve("unrelated.json"), "{}");
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, "unrelated.json");

        assertThatThrownBy(() -> new SyncWrittenFile().process(exchange))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("right after a file: step");
    }
}
