package io.webhookrouter.vonage.bench;

import java.util.Map;

/** The report's account of where the time goes: CPU by thread pool for every target, and the router's profile. */
final class ProfileSection {

    private static final int TOP = 12;

    private ProfileSection() {
    }

    static String markdown(Map<Target, TargetReport> reports) {
        StringBuilder text = new StringBuilder();
        text.append("CPU by thread pool during the saturation phase (from /proc/<pid>/task; Linux keeps the first "
                + "15 characters of a thread name, digits folded to N):\n\n");
        for (Target target : Target.values()) {
            TargetReport report = reports.get(target);
            if (report != null && report.saturationThreads() != null) {
                text.append("- ").append(target.label()).append(": ").append(report.saturationThreads().top(8))
                        .append('\n');
            }
        }
        TargetReport router = reports.get(Target.ROUTER);
        if (router == null || router.profile() == null) {
            return text.append("\nThe router was not profiled in this run.\n").toString();
        }
        RouterProfiler.Profile profile = router.profile();
        ExecutionProfile cpu = profile.cpu();
        text.append(String.format("%nRouter, in a separate saturation phase after the measured ones (%,.0f 200s/s "
                        + "while profiled): the stacks of its RUNNABLE threads taken every 20 ms over JMX; %,d of "
                        + "them were running Java code (not in a native method such as epoll, a socket read or "
                        + "fsync). Such samples are safepoint-biased: the shares are indicative.%n%n",
                profile.load().okPerSecond(), cpu.samples()));
        text.append("Running threads by component (each charged to its first non-JDK frame):\n\n")
                .append(shares("component", cpu.byComponent(), cpu.samples()))
                .append("\nRunning threads with each request-path stage on the stack (inclusive):\n\n")
                .append(shares("stage", cpu.byStage(), cpu.samples()))
                .append("\nTop frames of the running threads (self):\n\n")
                .append(shares("method", cpu.byMethod(), cpu.samples()))
                .append("\nRunning threads by pool:\n\n")
                .append(shares("thread pool", cpu.byThreadPool(), cpu.samples()));
        ThreadDumpSummary threads = profile.threads();
        text.append(String.format("%nWhere all the threads are (average over the %d dumps; \"where\" is the first "
                + "frame outside the JDK):%n%n| threads | pool \\| state \\| where |%n|---:|---|%n", threads.dumps()));
        threads.threadsByPlace().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> text.append(String.format("| %.1f | `%s` |%n", (double) e.getValue() / threads.dumps(),
                        e.getKey().replace("|", "\\|"))));
        return text.toString();
    }

    private static String shares(String what, Map<String, Long> counts, long total) {
        StringBuilder table = new StringBuilder("| " + what + " | share |\n|---|---:|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> table.append(String.format("| `%s` | %.1f%% |%n", e.getKey(),
                        100.0 * e.getValue() / total)));
        return table.toString();
    }
}
