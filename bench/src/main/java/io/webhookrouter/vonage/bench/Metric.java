package io.webhookrouter.vonage.bench;

import java.util.function.ToDoubleFunction;

/**
 * One row of the results table: how to read a number from a target's report and how to print it. A number that
 * was not measured (the target failed, or the phase was not run) is NaN and printed as a dash.
 *
 * @param compared whether the router's value divided by a baseline's means something (not for context rows)
 */
record Metric(String label, String format, boolean compared, ToDoubleFunction<TargetReport> reader) {

    Metric(String label, String format, ToDoubleFunction<TargetReport> reader) {
        this(label, format, true, reader);
    }

    double of(TargetReport report) {
        return report == null || report.failure() != null ? Double.NaN : reader.applyAsDouble(report);
    }

    String formatted(TargetReport report) {
        return format(of(report), format);
    }

    static String format(double value, String format) {
        return Double.isNaN(value) ? "—" : String.format(format, value);
    }

    static String ratio(double numerator, double denominator) {
        return Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0
                ? "—" : String.format("%.2f×", numerator / denominator);
    }
}
