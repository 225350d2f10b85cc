package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One target server in a JVM of its own, started by the harness with the same JVM flags as the others, its output
 * in a log file, and stopped (SIGTERM, then SIGKILL after 30 s) when its run is over or the harness exits.
 */
public final class TargetProcess implements AutoCloseable {

    /** The router's jar and the class data archive its build made for it, named as the README's command names them. */
    static final String JAR = "target/vonage-webhook-router.jar";
    static final String CLASS_DATA_ARCHIVE = "target/vonage-webhook-router.jsa";
    /** What the router's home holds besides config/ and routes/. */
    static final List<String> ROUTER_FILES = List.of(JAR, CLASS_DATA_ARCHIVE);
    /** The router's own JVM options (its class data archive, its GC tuning), given to it as the README does. */
    static final String JVM_OPTIONS = "config/jvm.options";

    private final Target target;
    private final Process process;
    private final long startedNanos;
    private final Path log;
    private final Thread killOnExit;

    private TargetProcess(Target target, Process process, long startedNanos, Path log) {
        this.target = target;
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + target);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The options of the router's {@link #JVM_OPTIONS} in {@code routerHome}, as the JVM reads them (none without it). */
    static List<String> routerJvmOptions(Path routerHome) {
        Path file = routerHome.resolve(JVM_OPTIONS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .filter(option -> !option.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @param dataDir the router's DATA_DIR (a fresh directory per run); ignored by the baselines
     */
    public static TargetProcess start(Target target, BenchSettings settings, Ports ports, Path dataDir) {
        return start(target, settings, ports, dataDir, settings.routerHome(), Map.of(), target.name().toLowerCase());
    }

    /**
     * @param routerHome the router's working directory: its config/ and routes/
     * @param environment settings of the router's own, on top of the harness's
     * @param logName     the log's name in the work directory, without ".log"
     */
    public static TargetProcess start(Target target, BenchSettings settings, Ports ports, Path dataDir,
                                      Path routerHome, Map<String, String> environment, String logName) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // first, so that the harness's flags (the heap every target gets) win over the router's own
        if (target == Target.ROUTER && Files.isRegularFile(routerHome.resolve(JVM_OPTIONS))) {
            command.add("@" + JVM_OPTIONS);
        }
        command.addAll(settings.targetJvmFlags());
        if (target == Target.ROUTER) {
            command.addAll(List.of("-jar", JAR));
        } else {
            command.addAll(List.of("-cp", settings.targetClasspath(), target.mainClass().getName(),
                    String.valueOf(ports.http())));
        }
        // the router reads config/ and routes/ from its working directory
        Path workingDir = target == Target.ROUTER ? routerHome : settings.projectDir();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        // the caller's own router settings (an API key to require, an external broker...) must not leak in
        builder.environment().keySet().removeIf(name -> name.matches(
                "(VONAGE|WEBHOOK|BROKER|EMBEDDED_BROKER|CAMEL|SMTP|ALERT)_.*|DATA_DIR|MALLOC_ARENA_MAX"));
        // as the router's image sets it: glibc's malloc otherwise keeps up to 8 arenas per core, some 30 MiB of RSS here
        if (!settings.targetMallocArenaMax().isBlank()) {
            builder.environment().put("MALLOC_ARENA_MAX", settings.targetMallocArenaMax());
        }
        if (target == Target.ROUTER) {
            builder.environment().put("VONAGE_SIGNATURE_SECRET", WebhookRequestFactory.SECRET);
            builder.environment().put("CAMEL_SERVER_PORT", String.valueOf(ports.http()));
            builder.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(ports.management()));
            builder.environment().put("EMBEDDED_BROKER_PORT", String.valueOf(ports.broker()));
            builder.environment().put("DATA_DIR", dataDir.toString());
            builder.environment().putAll(environment);
        }
        Path log = settings.workDir().resolve(logName + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Files.createDirectories(log.getParent());
            long startedNanos = System.nanoTime();
            return new TargetProcess(target, builder.start(), startedNanos, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + target.label(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                System.err.println(target.label() + " did not stop within 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
    }
}
