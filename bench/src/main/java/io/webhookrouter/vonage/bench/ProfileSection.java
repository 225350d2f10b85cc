package io.webhookrouter.vonage.bench;

import java.nio.file.Path;
import java.util.Map;

/** The report's account of where the time goes: CPU by thread pool for every target, and the router's profile. */
final class ProfileSection {

    private static final int TOP = 12;

    private ProfileSection() {
    }

    static String markdown(Map<Target, TargetReport> reports, BenchSettings settings) {
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
        text.append(String.format("%nRouter, in a separate saturation phase after the measured ones (%,.0f 200s/s "
                        + "while profiled), with async-profiler %s loaded into the running router through the attach "
                        + "API.%n", profile.load().okPerSecond(), profile.version()));
        if (profile.problem() != null) {
            text.append("\nProfiling failed: `").append(profile.problem()).append("` (the router's log, "
                    + "`target/bench/router.log`, has async-profiler's own message).\n");
        }
        ExecutionProfile cpu = profile.cpu();
        if (cpu != null) {
            boolean kernel = cpu.inKernel() > 0;
            text.append(String.format("%nCPU: event `%s` every 1 ms of CPU time for %d s: %,d samples, %.0f%% of them "
                            + "in the kernel%s. Flame graph: `%s`.%n%n", profile.event(),
                    profile.cpuTime().toSeconds(), cpu.total(), 100.0 * cpu.inKernel() / Math.max(1, cpu.total()),
                    kernel ? "" : " (no kernel frames: the kernel's samples are charged to their caller)",
                    shown(profile.cpuFlameGraph(), settings)))
                    .append("By component (each sample charged to its first non-JDK Java frame from the top; JVM "
                            + "threads without Java frames by what they are):\n\n")
                    .append(shares("component", cpu.byComponent(), cpu.total()))
                    .append("\nWith each request-path stage on the stack (inclusive):\n\n")
                    .append(shares("stage", cpu.byStage(), cpu.total()))
                    .append("\nTop frames (self, whatever code they are in):\n\n")
                    .append(shares("frame", cpu.byLeaf(), cpu.total()))
                    .append("\nTop Java methods (the topmost Java frame: running, or calling native code or the "
                            + "kernel; samples of JVM threads without Java frames are left out):\n\n")
                    .append(shares("method", cpu.byTopJavaFrame(), cpu.total()));
        }
        ExecutionProfile alloc = profile.alloc();
        if (alloc != null) {
            text.append(String.format("%nAllocations: event `alloc`, one sample per 512 KiB, for %d s: %,.0f MiB "
                            + "sampled. Flame graph: `%s`.%n%n", profile.allocTime().toSeconds(),
                    alloc.total() / 1024.0 / 1024.0, shown(profile.allocFlameGraph(), settings)))
                    .append("Bytes by component (first non-JDK Java frame under the allocation):\n\n")
                    .append(shares("component", alloc.byComponent(), alloc.total()))
                    .append("\nBytes by allocated type:\n\n")
                    .append(shares("type", alloc.byLeaf(), alloc.total()));
        }
        return text.toString();
    }

    /** The file relative to the project when it is in it (the report may be written elsewhere). */
    private static String shown(Path file, BenchSettings settings) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(settings.projectDir()) ? settings.projectDir().relativize(absolute).toString()
                : absolute.toString();
    }

    private static String shares(String what, Map<String, Long> counts, long total) {
        StringBuilder table = new StringBuilder("| " + what + " | share |\n|---|---:|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> table.append(String.format("| `%s` | %.1f%% |%n", e.getKey().replace("|", "\\|")
                        .replace("`", "'"), 100.0 * e.getValue() / total)));
        return table.toString();
    }
}
