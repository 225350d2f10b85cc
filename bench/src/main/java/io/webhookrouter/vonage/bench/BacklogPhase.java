package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 12's backlog: a large backlog, acknowledged while routing is stopped, must not take the router down. The
 * router runs with only its webhook routes (routing stopped) until the backlog is acknowledged, is stopped, and
 * is started again with all its routes on that journal, until it has digested every event; both runs with the
 * same JVM flags as every target.
 */
final class BacklogPhase {

    /** Requests signed at a time: the load generator's memory, not the router's, bounds this. */
    private static final int CHUNK = 100_000;
    private static final Duration CHUNK_LIMIT = Duration.ofMinutes(10);
    /** The limit that sheds load past a backlog would stop the backlog being built: off for this phase. */
    private static final Map<String, String> NO_BACKLOG_LIMIT = Map.of("ROUTING_MAX_BACKLOG", "0");

    private final BenchSettings settings;
    private final WebhookRequestFactory requests;
    private final StartupProbe startupProbe;

    BacklogPhase(BenchSettings settings, WebhookRequestFactory requests, StartupProbe startupProbe) {
        this.settings = settings;
        this.requests = requests;
        this.startupProbe = startupProbe;
    }

    Result run(long events, Duration drainLimit) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("vonage-bench-backlog-");
        try {
            Fill fill = fill(events, dataDir);
            return drain(fill, dataDir, drainLimit);
        } finally {
            TargetRun.deleteTree(dataDir);
        }
    }

    private record Fill(long acknowledged, long waiting, Duration took, long peakRssKib, long outOfMemoryErrors) {
    }

    private Fill fill(long events, Path dataDir) throws IOException, InterruptedException {
        Ports ports = Ports.choose(settings);
        Path home = webhooksOnly(settings.routerHome(), settings.workDir().resolve("backlog-home"));
        log(String.format("filling: %,d events acknowledged with routing stopped (only the webhook routes)", events));
        try (TargetProcess process = TargetProcess.start(Target.ROUTER, settings, ports, dataDir, home,
                NO_BACKLOG_LIMIT, "router-backlog-fill")) {
            startupProbe.timeToFirst200(process, ports.http());
            long acknowledged = 1;
            long start = System.nanoTime();
            try (LoadGenerator load = new LoadGenerator(ports.http(), settings.connections(), settings.loadEventLoops());
                 PeakRssSampler rss = new PeakRssSampler(process.pid())) {
                while (acknowledged < events) {
                    RequestPool pool = RequestPool.generate(requests, (int) Math.min(CHUNK, events - acknowledged),
                            false);
                    LoadResult chunk = load.closedLoop("backlog fill", pool, CHUNK_LIMIT);
                    acknowledged += chunk.ok();
                    log(String.format("  %,d acknowledged (%,.0f/s in the last chunk; not 200: %s)", acknowledged,
                            chunk.okPerSecond(), chunk.problems()));
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the router exited while the backlog grew; see " + process.log());
                    }
                }
                long waiting = new RouterMetrics(ports.management()).waitingToBeRouted();
                return new Fill(acknowledged, waiting, Duration.ofNanos(System.nanoTime() - start), rss.peakKib(),
                        outOfMemoryErrors(process.log()));
            }
        }
    }

    private Result drain(Fill fill, Path dataDir, Duration drainLimit) throws IOException, InterruptedException {
        Ports ports = Ports.choose(settings);
        log(String.format("restarting with every route on the journal of %,d waiting events", fill.waiting()));
        try (TargetProcess process = TargetProcess.start(Target.ROUTER, settings, ports, dataDir,
                settings.routerHome(), NO_BACKLOG_LIMIT, "router-backlog-drain");
             PeakRssSampler rss = new PeakRssSampler(process.pid())) {
            Duration ready = startupProbe.timeToFirst200(process, ports.http());
            log("first 200 after " + ready.toMillis() + " ms");
            RouterMetrics metrics = new RouterMetrics(ports.management());
            long start = System.nanoTime();
            long left = DigestPhase.awaitEmpty(metrics, drainLimit);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Map<String, Long> queues = depthsOrNone(metrics);
            long routed = RouterMetrics.routed(queues);
            Result result = new Result(fill.acknowledged(), fill.waiting(), fill.took(), fill.peakRssKib(), ready,
                    took, left, routed, queues.getOrDefault(RouterMetrics.DEAD, 0L), rss.peakKib(),
                    fill.outOfMemoryErrors() + outOfMemoryErrors(process.log()), null);
            log(String.format("digested in %d s (%,.0f events/s), left %,d; %,d in the destination queues, %,d dead; "
                            + "peak RSS %d MiB filling, %d MiB draining; OutOfMemoryError: %d",
                    took.toSeconds(), result.digestedPerSecond(), left, routed, result.dead(),
                    fill.peakRssKib() / 1024, rss.peakKib() / 1024, result.outOfMemoryErrors()));
            return result;
        }
    }

    /** The queues' depths, or none when the router no longer answers (its log says why). */
    private static Map<String, Long> depthsOrNone(RouterMetrics metrics) throws InterruptedException {
        try {
            return metrics.queueDepths();
        } catch (IOException unanswered) {
            log("the router's metrics did not answer at the end: " + unanswered);
            return Map.of();
        }
    }

    /** A copy of the router's home whose routes are only the files with the webhook endpoints: routing stopped. */
    private static Path webhooksOnly(Path routerHome, Path copy) throws IOException {
        TargetRun.deleteTree(copy);
        Files.createDirectories(copy.resolve("routes"));
        Files.createDirectories(copy.resolve("target"));
        for (String file : TargetProcess.ROUTER_FILES) {
            // the attributes too: the JVM uses the class data archive only for a jar of the time it was made from
            Files.copy(routerHome.resolve(file), copy.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        if (Files.isDirectory(routerHome.resolve("config"))) {
            Files.createDirectories(copy.resolve("config"));
            try (Stream<Path> files = Files.list(routerHome.resolve("config"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve("config").resolve(file.getFileName()));
                }
            }
        }
        try (Stream<Path> files = Files.list(routerHome.resolve("routes"))) {
            for (Path file : files.toList()) {
                if (Files.readString(file).contains("platform-http:")) {
                    Files.copy(file, copy.resolve("routes").resolve(file.getFileName()));
                }
            }
        }
        return copy;
    }

    private static long outOfMemoryErrors(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("OutOfMemoryError")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String message) {
        System.out.println("[ROUTER] backlog: " + message);
    }

    /**
     * @param acknowledged 200 answers while routing was stopped
     * @param waiting      events in the ingest queue when the router was stopped
     * @param ready        from the restart to the first 200, on the full journal
     * @param left         events not digested when the phase gave up (0: all)
     * @param routed       events in the destination queues at the end
     */
    record Result(long acknowledged, long waiting, Duration fillTook, long fillPeakRssKib, Duration ready,
                  Duration drainTook, long left, long routed, long dead, long drainPeakRssKib,
                  long outOfMemoryErrors, String failure) {

        static Result failed(String failure) {
            return new Result(0, 0, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, 0, failure);
        }

        double digestedPerSecond() {
            return (waiting - left) / (drainTook.toNanos() / 1e9);
        }
    }
}
