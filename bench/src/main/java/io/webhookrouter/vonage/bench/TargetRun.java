package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.jms.JMSException;

/**
 * One target, start to stop: start its JVM, time the first 200, warm it up, saturate it, drive it at each fixed
 * rate, and for the router also profile it and audit the broker; then stop it.
 */
public final class TargetRun {

    /** The baselines check nothing, so their pools may repeat and need not be large. */
    private static final int WRAPPING_POOL_SIZE = 50_000;
    private static final int LARGEST_POOL = 800_000;
    /** How long the routing stage gets to drain the ingest queue before the audit counts anyway. */
    private static final Duration AUDIT_GIVES_UP_AFTER = Duration.ofMinutes(3);
    /** How long the routing stage gets to digest a phase's events (and, before it, the warm-up's). */
    private static final Duration DIGEST_GIVES_UP_AFTER = Duration.ofMinutes(4);
    /** How long the restarted router gets to digest the backlog phase's events. */
    private static final Duration BACKLOG_GIVES_UP_AFTER = Duration.ofMinutes(30);

    private final BenchSettings settings;
    private final WebhookRequestFactory requests = new WebhookRequestFactory();
    private final StartupProbe startupProbe = new StartupProbe(requests);

    public TargetRun(BenchSettings settings) {
        this.settings = settings;
        startupProbe.warmUp(Ports.choose(settings).http());
    }

    public TargetReport run(Target target) {
        TargetReport report = measureOnFreshData(target);
        // its own router processes and journal, once the measured router has stopped and its data is gone
        boolean backlogWanted = target == Target.ROUTER && report.failure() == null && settings.backlogEvents() > 0;
        return backlogWanted ? report.withBacklog(backlog()) : report;
    }

    private TargetReport measureOnFreshData(Target target) {
        Path dataDir = null;
        try {
            dataDir = Files.createTempDirectory("vonage-bench-data-");
            return measure(target, dataDir);
        } catch (Exception e) {
            log(target, "FAILED: " + e);
            return TargetReport.failed(target, e.toString());
        } finally {
            deleteTree(dataDir);
        }
    }

    private TargetReport measure(Target target, Path dataDir) throws Exception {
        Ports ports = Ports.choose(settings);
        log(target, "starting (" + target.description() + ") on 127.0.0.1:" + ports.http());
        try (TargetProcess process = TargetProcess.start(target, settings, ports, dataDir)) {
            Duration startup = startupProbe.timeToFirst200(process, ports.http());
            log(target, "first 200 after " + startup.toMillis() + " ms");
            EventTally tally = new EventTally();
            DownstreamConsumers downstream = target == Target.ROUTER && settings.consumeDestinations()
                    ? DownstreamConsumers.start(ports.broker(), tally) : null;
            try (LoadGenerator load = new LoadGenerator(ports.http(), settings.connections(),
                    settings.loadEventLoops());
                 PeakRssSampler rss = new PeakRssSampler(process.pid())) {
                WarmUp.Result warm = WarmUp.run(process, load, requests -> pool(target, requests), settings.warmup(),
                        settings.warmupMax());
                LoadResult warmup = warm.load();
                report(target, warmup);
                log(target, String.format("warm after %d s (JIT compiler threads: %.0f%% of its CPU in the last round)",
                        TimeUnit.NANOSECONDS.toSeconds(warmup.elapsedNanos()), 100 * warm.lastCompilerShare()));
                double expectedRate = Math.max(1_000, warmup.okPerSecond());
                DigestPhase.Result digest = target == Target.ROUTER ? digest(target, ports, load, expectedRate) : null;
                Saturation saturation = saturate(target, process, load, expectedRate);
                List<LoadResult> fixedRates = atFixedRates(target, ports, load);
                long peakRss = rss.peakKib();
                long hwm = ProcFs.statusKib(process.pid(), "VmHWM");

                RouterProfiler.Profile profile = null;
                BrokerAudit.Result audit = null;
                if (target == Target.ROUTER) {
                    profile = profile(target, process, load, expectedRate);
                    long answered200 = 1 + Stream.concat(Stream.of(warmup, digest.acknowledged(), saturation.result(),
                                    profile.load()),
                            fixedRates.stream()).mapToLong(LoadResult::ok).sum();
                    stop(target, downstream);
                    audit = audit(target, ports, answered200, tally);
                }
                return new TargetReport(target, startup, warmup, warm.firstTenSeconds(), digest, saturation.result(),
                        fixedRates, saturation.cpu(), saturation.threads(), peakRss, hwm, profile, audit, null,
                        TargetLog.warnings(process.log(), 6), null);
            } finally {
                if (downstream != null) {
                    downstream.close();
                }
            }
        }
    }

    private static void stop(Target target, DownstreamConsumers downstream) throws JMSException {
        if (downstream != null) {
            log(target, String.format("destination queues consumed while the load ran: %d (failures: %d)",
                    downstream.queues(), downstream.failures()));
            downstream.close();
        }
    }

    private record Saturation(LoadResult result, CpuAccount cpu, ThreadCpuShare threads) {
    }

    private Saturation saturate(Target target, TargetProcess process, LoadGenerator load, double expectedRate) {
        RequestPool pool = pool(target, (long) (expectedRate * 2.5 * settings.saturation().toSeconds()));
        Map<String, Long> threadsBefore = ThreadCpuShare.snapshot(process.pid());
        CpuAccount cpuBefore = CpuAccount.start(process.pid());
        LoadResult result = load.closedLoop(settings.connections() + " connections", pool, settings.saturation());
        CpuAccount cpu = cpuBefore.since(process.pid());
        ThreadCpuShare threads = ThreadCpuShare.between(threadsBefore, ThreadCpuShare.snapshot(process.pid()));
        report(target, result);
        return new Saturation(result, cpu, threads);
    }

    /** The backlog phase; its failure is reported in its own section, not as the whole router's. */
    private BacklogPhase.Result backlog() {
        try {
            return new BacklogPhase(settings, requests, startupProbe).run(settings.backlogEvents(),
                    BACKLOG_GIVES_UP_AFTER);
        } catch (Exception e) {
            log(Target.ROUTER, "backlog FAILED: " + e);
            return BacklogPhase.Result.failed(e.toString());
        }
    }

    private DigestPhase.Result digest(Target target, Ports ports, LoadGenerator load, double expectedRate)
            throws IOException, InterruptedException {
        log(target, "digest: waiting for the warm-up's backlog, then " + settings.saturation().toSeconds()
                + " s of saturation and until every event is routed and archived");
        RequestPool pool = pool(target, (long) (expectedRate * 2.5 * settings.saturation().toSeconds()));
        DigestPhase.Result digest = DigestPhase.run(new RouterMetrics(ports.management()), load, pool,
                settings.saturation(), DIGEST_GIVES_UP_AFTER);
        report(target, digest.acknowledged());
        log(target, String.format("digested %,.0f events/s (acknowledged %,.0f/s, ratio %.2f; backlog at the load's end "
                        + "%,d, left %,d; %d s in all; %,.1f KiB of heap allocated per event)", digest.digestedPerSecond(),
                digest.acknowledgedPerSecond(), digest.digestedPerAcknowledged(), digest.backlogAtLoadEnd(),
                digest.left(), digest.total().toSeconds(), digest.allocatedKibPerEvent()));
        return digest;
    }

    /**
     * The latency targets are for a router whose routing keeps up: each rate starts once what the phase before it
     * left has been digested, so that it does not pay for an earlier backlog.
     */
    private List<LoadResult> atFixedRates(Target target, Ports ports, LoadGenerator load)
            throws IOException, InterruptedException {
        List<LoadResult> results = new ArrayList<>();
        for (int rate : settings.fixedRates()) {
            if (target == Target.ROUTER) {
                DigestPhase.awaitEmpty(new RouterMetrics(ports.management()), DIGEST_GIVES_UP_AFTER);
            }
            RequestPool pool = pool(target, (long) rate * settings.fixedRateDuration().toSeconds());
            LoadResult result = load.fixedRate(String.format("%,d req/s", rate), pool, rate,
                    settings.fixedRateDuration());
            report(target, result);
            log(target, "  by second, p99/max ms: " + result.tally().latencyMicrosBySecond().entrySet().stream()
                    .map(e -> String.format("%d:%.0f/%.0f", e.getKey(),
                            e.getValue().getValueAtPercentile(99) / 1000.0, e.getValue().getMaxValue() / 1000.0))
                    .collect(Collectors.joining(" ")));
            results.add(result);
        }
        return results;
    }

    private RouterProfiler.Profile profile(Target target, TargetProcess process, LoadGenerator load,
                                           double expectedRate) throws InterruptedException {
        Duration loadDuration = RouterProfiler.loadDuration(settings.profile());
        log(target, "profiling under saturation with async-profiler (" + settings.profile().toSeconds()
                + " s of CPU, then allocations; " + loadDuration.toSeconds() + " s in all, not measured)");
        RouterProfiler.Profile profile = RouterProfiler.profile(process, load,
                pool(target, (long) (expectedRate * 2.5 * loadDuration.toSeconds())), settings.profile(),
                settings.workDir());
        report(target, profile.load());
        if (profile.cpuFlameGraph() != null) {
            log(target, "flame graphs: " + profile.cpuFlameGraph()
                    + (profile.allocFlameGraph() == null ? "" : ", " + profile.allocFlameGraph()));
        }
        return profile;
    }

    private static BrokerAudit.Result audit(Target target, Ports ports, long answered200, EventTally tally)
            throws JMSException {
        log(target, String.format("auditing the broker: expecting %,d events", answered200));
        BrokerAudit.Result audit = BrokerAudit.count(ports.broker(), answered200, AUDIT_GIVES_UP_AFTER, tally);
        log(target, String.format("broker holds %,d distinct events (%s; counted in %d s), %,d bodies not their event%s",
                audit.distinctEvents(), audit.messagesByQueue(), audit.took().toSeconds(), audit.damagedBodies(),
                audit.valid() ? "" : ": VOID"));
        return audit;
    }

    private RequestPool pool(Target target, long wanted) {
        boolean mayWrap = !target.needsDistinctRequests();
        int size = (int) Math.min(mayWrap ? WRAPPING_POOL_SIZE : LARGEST_POOL, Math.max(1_000, wanted));
        return RequestPool.generate(requests, size, mayWrap);
    }

    private static void report(Target target, LoadResult result) {
        log(target, String.format("%-14s %,9.0f ok/s  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %8.2f ms  "
                        + "not 200: %s  load generator's GC %,d ms%s",
                result.phase(), result.okPerSecond(), result.percentileMillis(50), result.percentileMillis(99),
                result.percentileMillis(99.9), result.maxMillis(), result.problems(), result.generatorGcMillis(),
                result.poolExhausted() ? "  (pool exhausted: ended early)" : ""));
    }

    private static void log(Target target, String message) {
        // the time of day, to find a phase in the target's log
        System.out.printf("[%s %tT] %s%n", target.label(), LocalTime.now(), message);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
