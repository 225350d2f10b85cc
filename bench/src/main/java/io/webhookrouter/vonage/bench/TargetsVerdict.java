package io.webhookrouter.vonage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The targets of issue 12 (and the verifier's of issue 5), each with what this run measured and whether it was met. */
final class TargetsVerdict {

    /** @param met null when the run could not measure it */
    record Check(String target, String measured, Boolean met) {

        String verdict() {
            return met == null ? "not measured" : met ? "met" : "**MISSED**";
        }
    }

    private static final double MIB = 1024.0;

    private TargetsVerdict() {
    }

    static List<Check> checks(Map<Target, TargetReport> reports, JmhScore verifier, int connections) {
        TargetReport router = measured(reports.get(Target.ROUTER));
        TargetReport raw = measured(reports.get(Target.RAW));
        List<Check> checks = new ArrayList<>();
        checks.add(digestRatio(router, raw));
        checks.add(router == null || router.digest() == null
                ? new Check("digested / acknowledged ≥ 0.9 over the digest phase", "—", null)
                : new Check("digested / acknowledged ≥ 0.9 over the digest phase",
                        String.format("%.2f (%,.0f vs %,.0f /s)", router.digest().digestedPerAcknowledged(),
                                router.digest().digestedPerSecond(), router.digest().acknowledgedPerSecond()),
                        router.digest().digestedPerAcknowledged() >= 0.9));
        checks.add(p99AtRate(router, 1_000, 10));
        checks.add(p99AtRate(router, 2_000, 25));
        checks.add(router == null
                ? new Check("no request over 1 s at saturation", "—", null)
                : new Check("no request over 1 s at saturation",
                        String.format("max %.1f ms, not 200: %s", router.saturation().maxMillis(),
                                router.saturation().problems()),
                        router.saturation().maxMillis() <= 1_000 && router.saturation().unanswered() == 0
                                && router.saturation().failedWithoutAnswer() == 0));
        checks.add(router == null
                ? new Check("RSS under load ≤ 512 MiB", "—", null)
                : new Check("RSS under load ≤ 512 MiB", String.format("peak VmRSS %.0f MiB, VmHWM %.0f MiB",
                        router.peakRssKib() / MIB, router.hwmKib() / MIB),
                        Math.max(router.peakRssKib(), router.hwmKib()) <= 512 * 1024));
        checks.add(backlog(router));
        checks.add(router == null
                ? new Check("ready (first 200) ≤ 2.5 s after the JVM starts", "—", null)
                : new Check("ready (first 200) ≤ 2.5 s after the JVM starts", router.startup().toMillis() + " ms",
                        router.startup().toMillis() <= 2_500));
        checks.add(router == null || router.firstTenSeconds() == null
                ? new Check("throughput in the first 10 s of load ≥ 70% of steady state", "—", null)
                : new Check("throughput in the first 10 s of load ≥ 70% of steady state",
                        String.format("%.0f%% (%,.0f vs %,.0f /s at saturation); the JIT compiler threads took %.0f%% "
                                        + "of the router's CPU in those 10 s",
                                100 * router.firstTenSeconds().load().okPerSecond() / router.saturation().okPerSecond(),
                                router.firstTenSeconds().load().okPerSecond(), router.saturation().okPerSecond(),
                                100 * router.firstTenSeconds().compilerShare()),
                        router.firstTenSeconds().load().okPerSecond() >= 0.7 * router.saturation().okPerSecond()));
        checks.add(router == null || router.audit() == null
                ? new Check("every 200 is in the broker, once (else the run is VOID)", "—", null)
                : new Check("every 200 is in the broker, once (else the run is VOID)",
                        String.format("%,d answers 200, %,d distinct events stored, %,d bodies not their event%s",
                                router.audit().expected200s(), router.audit().distinctEvents(),
                                router.audit().damagedBodies(),
                                router.audit().settled() ? "" : " (messages were still arriving)"),
                        router.audit().valid()));
        checks.add(verifier == null
                ? new Check("SignatureVerifier.verify ≥ 300,000/s per core (issue 5)", "JMH not run", null)
                : new Check("SignatureVerifier.verify ≥ 300,000/s per core (issue 5)",
                        String.format("%,.0f ± %,.0f %s (%d thread)", verifier.score(), verifier.error(),
                                verifier.unit(), verifier.threads()),
                        verifier.score() / verifier.threads() >= 300_000));
        return checks;
    }

    private static Check digestRatio(TargetReport router, TargetReport raw) {
        String name = "digested events/s at saturation ≥ 0.03× RAW";
        if (router == null || router.digest() == null || raw == null) {
            return new Check(name, "—", null);
        }
        double ratio = router.digest().digestedPerSecond() / raw.saturation().okPerSecond();
        return new Check(name, String.format("%.3f× (%,.0f vs %,.0f /s)", ratio, router.digest().digestedPerSecond(),
                raw.saturation().okPerSecond()), ratio >= 0.03);
    }

    private static Check backlog(TargetReport router) {
        String name = "a backlog of 1,000,000 events in a 256 MiB heap, restarted and drained";
        if (router == null || router.backlog() == null) {
            return new Check(name, "not run", null);
        }
        BacklogPhase.Result backlog = router.backlog();
        if (backlog.failure() != null) {
            return new Check(name, "failed: " + backlog.failure(), false);
        }
        return new Check(name, String.format("%,d events waiting, restarted in %.1f s, digested in %d s, left %,d, "
                        + "OutOfMemoryError: %d", backlog.waiting(), backlog.ready().toMillis() / 1000.0,
                        backlog.drainTook().toSeconds(), backlog.left(), backlog.outOfMemoryErrors()),
                backlog.waiting() >= 1_000_000 && backlog.left() == 0 && backlog.outOfMemoryErrors() == 0
                        && backlog.routed() >= backlog.waiting() && backlog.dead() == 0);
    }

    private static Check p99AtRate(TargetReport router, int rate, double p99Millis) {
        String name = String.format("p99 ≤ %.0f ms at %,d req/s", p99Millis, rate);
        LoadResult result = router == null ? null : router.fixedRate(rate);
        if (result == null) {
            return new Check(name, "—", null);
        }
        long seconds = result.tally().latencyMicrosBySecond().size();
        long secondsWithin = result.tally().latencyMicrosBySecond().values().stream()
                .filter(second -> second.getValueAtPercentile(99) <= p99Millis * 1000).count();
        return new Check(name, String.format("%.2f ms (p99 of each second within it: %d of %d s), not 200: %s, "
                        + "the load generator's own GC pauses: %,d ms",
                        result.percentileMillis(99), secondsWithin, seconds, result.problems(),
                        result.generatorGcMillis()),
                result.percentileMillis(99) <= p99Millis && result.ok() == result.scheduled());
    }

    private static TargetReport measured(TargetReport report) {
        return report == null || report.failure() != null ? null : report;
    }

    static String markdown(List<Check> checks) {
        StringBuilder table = new StringBuilder("| target | measured | result |\n|---|---|---|\n");
        checks.forEach(check -> table.append("| ").append(check.target()).append(" | ").append(check.measured())
                .append(" | ").append(check.verdict()).append(" |\n"));
        return table.toString();
    }
}
