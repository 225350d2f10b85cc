package io.webhookrouter.vonage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The targets of issue 5, each with what this run measured and whether it was met. */
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
        TargetReport plain = measured(reports.get(Target.PLAIN_CAMEL));
        List<Check> checks = new ArrayList<>();
        String throughput = "router throughput at " + connections + " connections";
        checks.add(throughputRatio(throughput + " ≥ 0.25× RAW", router, raw, 0.25));
        checks.add(throughputRatio(throughput + " ≥ 0.6× PLAIN CAMEL", router, plain, 0.6));
        LoadResult at5000 = router == null ? null : router.fixedRate(5_000);
        checks.add(at5000 == null
                ? new Check("p99 ≤ 10 ms at 5,000 req/s", "—", null)
                : new Check("p99 ≤ 10 ms at 5,000 req/s", String.format("%.2f ms", at5000.percentileMillis(99)),
                        at5000.percentileMillis(99) <= 10 && at5000.ok() == at5000.scheduled()));
        checks.add(router == null
                ? new Check("no request over 1 s at saturation", "—", null)
                : new Check("no request over 1 s at saturation",
                        String.format("max %.1f ms, not 200: %s", router.saturation().maxMillis(),
                                router.saturation().problems()),
                        router.saturation().maxMillis() <= 1_000 && router.saturation().unanswered() == 0
                                && router.saturation().failedWithoutAnswer() == 0));
        checks.add(router == null
                ? new Check("start-up to first 200 ≤ 2 s", "—", null)
                : new Check("start-up to first 200 ≤ 2 s", router.startup().toMillis() + " ms",
                        router.startup().toMillis() <= 2_000));
        checks.add(router == null
                ? new Check("RSS under load ≤ 512 MiB", "—", null)
                : new Check("RSS under load ≤ 512 MiB", String.format("peak VmRSS %.0f MiB, VmHWM %.0f MiB",
                        router.peakRssKib() / MIB, router.hwmKib() / MIB),
                        Math.max(router.peakRssKib(), router.hwmKib()) <= 512 * 1024));
        checks.add(verifier == null
                ? new Check("SignatureVerifier.verify ≥ 300,000/s per core", "JMH not run", null)
                : new Check("SignatureVerifier.verify ≥ 300,000/s per core",
                        String.format("%,.0f ± %,.0f %s (%d thread)", verifier.score(), verifier.error(),
                                verifier.unit(), verifier.threads()),
                        verifier.score() / verifier.threads() >= 300_000));
        checks.add(router == null || router.audit() == null
                ? new Check("every 200 is in the broker (else the run is VOID)", "—", null)
                : new Check("every 200 is in the broker (else the run is VOID)",
                        String.format("%,d answers 200, %,d distinct events stored%s", router.audit().expected200s(),
                                router.audit().distinctEvents(),
                                router.audit().settled() ? "" : " (messages were still arriving)"),
                        router.audit().valid()));
        return checks;
    }

    private static TargetReport measured(TargetReport report) {
        return report == null || report.failure() != null ? null : report;
    }

    private static Check throughputRatio(String name, TargetReport router, TargetReport baseline, double least) {
        if (router == null || baseline == null) {
            return new Check(name, "—", null);
        }
        double ratio = router.saturation().okPerSecond() / baseline.saturation().okPerSecond();
        return new Check(name, String.format("%.2f× (%,.0f vs %,.0f /s)", ratio, router.saturation().okPerSecond(),
                baseline.saturation().okPerSecond()), ratio >= least);
    }

    static String markdown(List<Check> checks) {
        StringBuilder table = new StringBuilder("| target | measured | result |\n|---|---|---|\n");
        checks.forEach(check -> table.append("| ").append(check.target()).append(" | ").append(check.measured())
                .append(" | ").append(check.verdict()).append(" |\n"));
        return table.toString();
    }
}
