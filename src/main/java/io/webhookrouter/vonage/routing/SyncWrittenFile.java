package io.webhookrouter.vonage.routing;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.webhookrouter.vonage.FileSync;

/**
 * Puts the file that Camel's file producer has just written on disk before its event is acknowledged. Camel 4.18
 * writes through the page cache only (its {@code forceWrites} option is not used when it writes a file), so after a
 * power loss an archived event could be missing, or an empty file, while its outbox had been told it was done with.
 * Syncs the file, then its directory, which holds the rename that put it in place, and the directories above it up
 * to the endpoint's. A crash before the sync leaves the event in its outbox, to be written again.
 */
public final class SyncWrittenFile implements Processor {

    @Override
    public void process(Exchange exchange) throws IOException {
        String written = exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        if (written == null) {
            throw new IllegalStateException("no file was written before this step (no " + Exchange.FILE_NAME_PRODUCED
                    + " header): it goes right after a file: step");
        }
        Path file = Path.of(written);
        FileSync.sync(file);
        // the directories its name went through, which the producer may have made for it (a new day's): syncing one
        // that has not changed since the last sync costs a system call, not a disk write
        Path directory = file.getParent();
        for (int level = relativeDepth(exchange); level > 0 && directory != null; level--) {
            FileSync.sync(directory);
            directory = directory.getParent();
        }
    }

    /** How many directories the file's name, relative to the endpoint's, goes through (the endpoint's included). */
    private static int relativeDepth(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        return name == null ? 1 : Path.of(name).getNameCount();
    }
}
