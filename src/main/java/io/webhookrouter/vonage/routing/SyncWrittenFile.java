package io.webhookrouter.vonage.routing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.webhookrouter.vonage.FileSync;
import io.webhookrouter.vonage.broker.batch.BeforeCommit;

/**
 * Puts the file that Camel's file producer has just written on disk before its event is acknowledged. Camel 4.18
 * writes through the page cache only (its {@code forceWrites} option is not used when it writes a file), so after a
 * power loss an archived event could be missing, or an empty file, while its outbox had been told it was done with.
 * Syncs the file, then its directory, which holds the rename that put it in place, and the directories above it up
 * to the endpoint's. A crash before the sync leaves the event in its outbox, to be written again.
 * <p>
 * In a {@code jms-batch:} route the syncs wait for the end of the batch ({@link BeforeCommit}): its files are
 * synced side by side, which the file system commits together, and each directory once. A copy of the exchange on
 * another thread (after a {@code wireTap}) syncs its file at once: its batch may have committed already.
 */
public final class SyncWrittenFile implements Processor {

    /** Files synced at once at the end of a batch: what keeps the disk's commits few. */
    private static final int PARALLEL_SYNCS = 8;

    private final ExecutorService syncs = syncThreads();

    @Override
    public void process(Exchange exchange) throws IOException {
        String written = exchange.getMessage().getHeader(Exchange.FILE_NAME_PRODUCED, String.class);
        if (written == null) {
            throw new IllegalStateException("no file was written before this step (no " + Exchange.FILE_NAME_PRODUCED
                    + " header): it goes right after a file: step");
        }
        Path file = Path.of(written);
        BeforeCommit batch = exchange.getProperty(BeforeCommit.PROPERTY, BeforeCommit.class);
        if (batch != null && batch.takesWorkHere()) {
            batch.work(this, Pending::new).add(file, relativeDepth(exchange));
        } else {
            // outside a batch, or on a copy of the exchange that left the batch's thread: now, before the next step
            Pending alone = new Pending();
            alone.add(file, relativeDepth(exchange));
            alone.run();
        }
    }

    /** How many directories the file's name, relative to the endpoint's, goes through (the endpoint's included). */
    private static int relativeDepth(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        return name == null ? 1 : Path.of(name).getNameCount();
    }

    /** The files written and the directories their names went through, to be synced. */
    private final class Pending implements BeforeCommit.Work {
        private final List<Path> files = new ArrayList<>();
        private final Set<Path> directories = new LinkedHashSet<>();

        void add(Path file, int depth) {
            files.add(file);
            Path directory = file.getParent();
            for (int level = depth; level > 0 && directory != null; level--) {
                directories.add(directory);
                directory = directory.getParent();
            }
        }

        @Override
        public void run() throws IOException {
            if (files.size() == 1) {
                FileSync.sync(files.get(0));
            } else {
                List<Future<?>> synced = new ArrayList<>(files.size());
                for (Path file : files) {
                    synced.add(syncs.submit(() -> {
                        FileSync.sync(file);
                        return null;
                    }));
                }
                awaitAll(synced);
            }
            // the directories after their files: a directory unchanged since its last sync costs a system call only
            for (Path directory : directories) {
                FileSync.sync(directory);
            }
        }
    }

    private static void awaitAll(List<Future<?>> synced) throws IOException {
        try {
            for (Future<?> each : synced) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while syncing the batch's files", e);
        }
    }

    /** Threads that end after a minute without a batch to sync, so that an idle or stopped router holds none. */
    private static ExecutorService syncThreads() {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(PARALLEL_SYNCS, PARALLEL_SYNCS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "file-sync-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }
}
