package io.webhookrouter.vonage.bench;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The main table of the report: every metric for every target, with the router's ratios to both baselines. */
final class ResultsTable {

    private static final double MIB = 1024.0;

    private ResultsTable() {
    }

    static List<Metric> metrics(List<Integer> fixedRates, int connections) {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("throughput at " + connections + " connections (200s/s)", "%,.0f",
                r -> r.saturation().okPerSecond()));
        addLatencies(metrics, "saturation", TargetReport::saturation);
        for (int rate : fixedRates) {
            metrics.add(new Metric(String.format("%,d req/s: achieved (200s/s)", rate), "%,.0f",
                    r -> atRate(r, rate, LoadResult::okPerSecond)));
            addLatencies(metrics, String.format("%,d req/s", rate), r -> r.fixedRate(rate));
        }
        metrics.add(new Metric("start-up to first 200 (ms)", "%,.0f", r -> r.startup().toMillis()));
        metrics.add(new Metric("peak RSS under load, VmRSS (MiB)", "%,.0f", r -> r.peakRssKib() / MIB));
        metrics.add(new Metric("VmHWM after load (MiB)", "%,.0f", r -> r.hwmKib() / MIB));
        metrics.add(new Metric("CPU per request at saturation (µs)", "%,.0f", TargetReport::cpuMicrosPerRequest));
        metrics.add(new Metric("CPU at saturation: target (cores)", "%.2f", r -> r.saturationCpu().targetCores()));
        metrics.add(new Metric("CPU at saturation: load generator (cores)", "%.2f", false,
                r -> r.saturationCpu().loadGeneratorCores()));
        metrics.add(new Metric("CPU at saturation: other processes (cores)", "%.2f", false,
                r -> r.saturationCpu().otherCores()));
        metrics.add(new Metric("warm-up before measuring (s)", "%.0f", false,
                r -> r.warmup().elapsedNanos() / 1e9));
        return metrics;
    }

    private static void addLatencies(List<Metric> metrics, String phase, Function<TargetReport, LoadResult> result) {
        for (double percentile : new double[] {50, 99, 99.9}) {
            String label = phase + " p" + new DecimalFormat("0.#").format(percentile) + " (ms)";
            metrics.add(new Metric(label, "%,.2f", r -> read(result.apply(r), l -> l.percentileMillis(percentile))));
        }
        metrics.add(new Metric(phase + " max (ms)", "%,.1f", r -> read(result.apply(r), LoadResult::maxMillis)));
        metrics.add(new Metric(phase + ": load generator's own GC pauses (ms)", "%,.0f", false,
                r -> read(result.apply(r), LoadResult::generatorGcMillis)));
    }

    private static double atRate(TargetReport report, int rate, ToDoubleFunction<LoadResult> reader) {
        return read(report.fixedRate(rate), reader);
    }

    private static double read(LoadResult result, ToDoubleFunction<LoadResult> reader) {
        return result == null ? Double.NaN : reader.applyAsDouble(result);
    }

    static String markdown(Map<Target, TargetReport> reports, List<Integer> fixedRates, int connections) {
        StringBuilder table = new StringBuilder();
        table.append("| metric |");
        for (Target target : Target.values()) {
            table.append(' ').append(target.label()).append(" |");
        }
        table.append(" ROUTER/RAW | ROUTER/PLAIN CAMEL |\n|---|");
        table.append("---:|".repeat(Target.values().length + 2)).append('\n');
        for (Metric metric : metrics(fixedRates, connections)) {
            table.append("| ").append(metric.label()).append(" |");
            for (Target target : Target.values()) {
                table.append(' ').append(metric.formatted(reports.get(target))).append(" |");
            }
            double router = metric.compared() ? metric.of(reports.get(Target.ROUTER)) : Double.NaN;
            table.append(' ').append(Metric.ratio(router, metric.of(reports.get(Target.RAW)))).append(" |")
                    .append(' ').append(Metric.ratio(router, metric.of(reports.get(Target.PLAIN_CAMEL))))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Per phase and target: requests scheduled, and every answer that was not a 200 (or no answer at all). */
    static String problemsMarkdown(Map<Target, TargetReport> reports) {
        StringBuilder table = new StringBuilder("| phase |");
        for (Target target : Target.values()) {
            table.append(' ').append(target.label()).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(Target.values().length)).append('\n');
        List<String> phases = new ArrayList<>();
        reports.values().forEach(report -> phasesOf(report).forEach(result -> {
            if (!phases.contains(result.phase())) {
                phases.add(result.phase());
            }
        }));
        for (String phase : phases) {
            table.append("| ").append(phase).append(" |");
            for (Target target : Target.values()) {
                TargetReport report = reports.get(target);
                String cell = report == null ? "not run" : phasesOf(report).stream()
                        .filter(result -> result.phase().equals(phase))
                        .findFirst()
                        .map(result -> String.format("%,d requests; not 200: %s%s", result.scheduled(),
                                result.problems(), result.poolExhausted() ? " (ended early: pool used up)" : ""))
                        .orElse(report.failure() == null ? "—" : "failed");
                table.append(' ').append(cell).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static List<LoadResult> phasesOf(TargetReport report) {
        List<LoadResult> phases = new ArrayList<>();
        if (report.warmup() != null) {
            phases.add(report.warmup());
        }
        if (report.saturation() != null) {
            phases.add(report.saturation());
        }
        phases.addAll(report.fixedRates());
        if (report.profile() != null) {
            phases.add(report.profile().load());
        }
        return phases;
    }
}
