package io.webhookrouter.vonage.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How a harness run is set up; bench/run.sh passes these as system properties ({@code -Dbench.*}), and every
 * value has a default so that a shorter run for trying things out only needs to override a few.
 *
 * @param routerHome a copy of the router as it is run: {@code target/} (its jar and class data archive), {@code config/}
 *                   and {@code routes/}
 *                   (a copy, because the router reloads route files that change while it runs)
 * @param warmup    the least warm-up; it goes on, up to warmupMax, while the target's JIT is still busy
 * @param httpPort  like managementPort and brokerPort: 0 (the default) for a free port chosen at each start
 * @param backlogEvents the router's backlog phase: events acknowledged with routing stopped, then digested after a
 *                   restart (0: no backlog phase)
 * @param targetMallocArenaMax MALLOC_ARENA_MAX in every target's environment, as in the router's image (blank: not set)
 * @param consumeDestinations whether the router's destination queues are consumed while the load runs, as a
 *                   deployment's systems would ({@link DownstreamConsumers}); off by default, as in every run so far
 * @param jmhResult the JSON result of the verifier benchmark run just before, or null when it was not run
 */
public record BenchSettings(
        Path projectDir,
        Path workDir,
        Path report,
        String command,
        String targetClasspath,
        Path routerHome,
        List<String> targetJvmFlags,
        String targetMallocArenaMax,
        List<Target> targets,
        int connections,
        int loadEventLoops,
        Duration warmup,
        Duration warmupMax,
        Duration saturation,
        List<Integer> fixedRates,
        Duration fixedRateDuration,
        Duration profile,
        long backlogEvents,
        int httpPort,
        int managementPort,
        int brokerPort,
        boolean consumeDestinations,
        Path jmhResult) {

    public static BenchSettings fromSystemProperties() {
        Path projectDir = Path.of(property("bench.projectDir", ".")).toAbsolutePath().normalize();
        return new BenchSettings(
                projectDir,
                Path.of(property("bench.workDir", projectDir.resolve("target/bench").toString())),
                Path.of(property("bench.report", projectDir.resolve("BENCHMARKS.md").toString())),
                property("bench.command", "bench/run.sh"),
                required("bench.targetClasspath"),
                Path.of(required("bench.routerHome")),
                words(property("bench.targetJvmFlags", "-Xmx256m -XX:MarkStackSize=256k -XX:TrimNativeHeapInterval=1000 -XX:+UseG1GC")),
                System.getProperty("bench.targetMallocArenaMax", "2").trim(),
                words(property("bench.targets", "RAW PLAIN_CAMEL ROUTER")).stream().map(Target::valueOf).toList(),
                Integer.parseInt(property("bench.connections", "64")),
                Integer.parseInt(property("bench.loadEventLoops", "2")),
                seconds("bench.warmupSeconds", 15),
                seconds("bench.warmupMaxSeconds", 90),
                seconds("bench.saturationSeconds", 20),
                words(property("bench.fixedRates", "1000 2000")).stream().map(Integer::valueOf).toList(),
                seconds("bench.fixedRateSeconds", 15),
                seconds("bench.profileSeconds", 10),
                Long.parseLong(property("bench.backlogEvents", "1000000")),
                Integer.parseInt(property("bench.httpPort", "0")),
                Integer.parseInt(property("bench.managementPort", "0")),
                Integer.parseInt(property("bench.brokerPort", "0")),
                Boolean.parseBoolean(property("bench.consumeDestinations", "false")),
                optionalPath("bench.jmhResult"));
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static Path optionalPath(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + name + " is required (bench/run.sh sets it)");
        }
        return value.trim();
    }

    private static Duration seconds(String name, int defaultValue) {
        return Duration.ofSeconds(Long.parseLong(property(name, String.valueOf(defaultValue))));
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }
}
