package io.webhookrouter.vonage.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The HTTP half of the harness (bench/run.sh runs it after the JMH benchmark): measures each target in turn, in
 * its own JVM, and writes BENCHMARKS.md. Settings: {@link BenchSettings}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String... args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Instant started = Instant.now();
        long startedNanos = System.nanoTime();
        MachineInfo machine = MachineInfo.describe();
        if (machine.oneMinuteLoad() > machine.cores() / 2.0) {
            System.out.printf("WARNING: the machine is busy (load average %.1f on %d cores): other work will compete "
                    + "with the targets, see \"other processes\" in the report%n", machine.oneMinuteLoad(),
                    machine.cores());
        }
        TargetRun run = new TargetRun(settings);
        Map<Target, TargetReport> reports = new EnumMap<>(Target.class);
        for (Target target : settings.targets()) {
            reports.put(target, run.run(target));
        }
        BenchmarksReport.write(settings, machine, MachineInfo.currentLoadAverage(), started,
                Duration.ofNanos(System.nanoTime() - startedNanos), reports, JmhScore.read(settings.jmhResult()));
        System.out.println("Wrote " + settings.report());
        System.exit(0);
    }
}
