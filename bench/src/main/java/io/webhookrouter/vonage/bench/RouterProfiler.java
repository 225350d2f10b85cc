package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * A look inside the router under saturation, in a phase of its own after the measured ones, with async-profiler
 * (tools.profiler:async-profiler, whose jar carries the native agent): the agent is loaded into the running router
 * through the JDK's attach API, as async-profiler's own launcher does, and driven by commands. First CPU (event
 * {@code cpu}: perf_events, with kernel frames; {@code itimer} if that cannot start), then allocations (one sample
 * per 512 KiB allocated). Each part leaves a flame graph (HTML) and collapsed stacks in the work directory.
 * <p>
 * Not JFR: starting a flight recording in the running router made it several times slower for the rest of its life.
 */
public final class RouterProfiler {

    /** The connections are still opening in the first second: it is left alone. */
    private static final Duration RAMP = Duration.ofSeconds(1);
    private static final String CPU_INTERVAL = "1ms";
    private static final String ALLOC_INTERVAL = "512k";

    /**
     * What the profiling phase showed.
     *
     * @param event   the CPU event that ran ({@code cpu} or {@code itimer})
     * @param cpu     null if CPU profiling failed ({@code problem} says why), like {@code alloc}
     * @param problem null when both parts worked
     */
    public record Profile(LoadResult load, String version, String event, Duration cpuTime, ExecutionProfile cpu,
                          Path cpuFlameGraph, Duration allocTime, ExecutionProfile alloc, Path allocFlameGraph,
                          String problem) {
    }

    private RouterProfiler() {
    }

    /** How long the phase's load runs for a CPU profile of {@code duration}: the ramp, CPU, then allocations. */
    public static Duration loadDuration(Duration duration) {
        return RAMP.plus(duration).plus(allocDuration(duration));
    }

    private static Duration allocDuration(Duration duration) {
        return Duration.ofSeconds(Math.max(2, duration.toSeconds() / 2));
    }

    public static Profile profile(TargetProcess target, LoadGenerator load, RequestPool pool, Duration duration,
                                  Path workDir) throws InterruptedException {
        Duration allocDuration = allocDuration(duration);
        CompletableFuture<LoadResult> saturation = CompletableFuture.supplyAsync(
                () -> load.closedLoop("profile", pool, loadDuration(duration)));
        String version = "?";
        String event = null;
        ExecutionProfile cpu = null;
        ExecutionProfile alloc = null;
        Path cpuGraph = workDir.resolve("router-cpu.html");
        Path allocGraph = workDir.resolve("router-alloc.html");
        String problem = null;
        VirtualMachine vm = null;
        Path library = null;
        try {
            library = extractLibrary(workDir);
            version = libraryVersion();
            TimeUnit.MILLISECONDS.sleep(RAMP.toMillis());
            vm = VirtualMachine.attach(String.valueOf(target.pid()));
            Path cpuStacks = workDir.resolve("router-cpu.collapsed");
            event = startCpu(vm, library);
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
            command(vm, library, "dump,collapsed,ann,file=" + cpuStacks);
            command(vm, library, "stop,file=" + cpuGraph);
            cpu = ExecutionProfile.read(cpuStacks, false);

            Path allocStacks = workDir.resolve("router-alloc.collapsed");
            command(vm, library, "start,event=alloc,alloc=" + ALLOC_INTERVAL);
            TimeUnit.MILLISECONDS.sleep(allocDuration.toMillis());
            command(vm, library, "dump,collapsed,ann,total,file=" + allocStacks);
            command(vm, library, "stop,total,file=" + allocGraph);
            alloc = ExecutionProfile.read(allocStacks, true);
        } catch (IOException | AttachNotSupportedException | AgentLoadException | AgentInitializationException e) {
            problem = e.toString();
            if (vm != null) {
                try {
                    vm.loadAgentPath(library.toString(), "stop");
                } catch (Exception notRunning) {
                    // nothing to stop
                }
            }
            System.out.println("[ROUTER] profiling failed (the router's log has async-profiler's message): " + e);
        } finally {
            if (vm != null) {
                try {
                    vm.detach();
                } catch (IOException ignored) {
                    // the router is stopped soon anyway
                }
            }
        }
        return new Profile(saturation.join(), version, event, duration, cpu, cpu == null ? null : cpuGraph,
                allocDuration, alloc, alloc == null ? null : allocGraph, problem);
    }

    /** Starts CPU sampling, with perf_events if the kernel allows it, else with a timer signal. */
    private static String startCpu(VirtualMachine vm, Path library)
            throws IOException, AgentLoadException, AgentInitializationException {
        try {
            command(vm, library, "start,event=cpu,interval=" + CPU_INTERVAL);
            return "cpu";
        } catch (AgentInitializationException perfEventsRefused) {
            System.out.println("[ROUTER] async-profiler could not start event=cpu; trying event=itimer");
            command(vm, library, "start,event=itimer,interval=" + CPU_INTERVAL);
            return "itimer";
        }
    }

    /** One async-profiler command, e.g. {@code start,event=cpu}: what its launcher sends over the attach API. */
    private static void command(VirtualMachine vm, Path library, String command)
            throws AgentLoadException, AgentInitializationException, IOException {
        vm.loadAgentPath(library.toString(), command);
    }

    /** The agent for this machine, from the async-profiler jar on the harness's classpath, into the work directory. */
    private static Path extractLibrary(Path workDir) throws IOException {
        String arch = System.getProperty("os.arch");
        String platform = System.getProperty("os.name").toLowerCase().contains("linux")
                ? arch.equals("aarch64") ? "linux-arm64" : "linux-x64"
                : "macos";
        String resource = platform + "/libasyncProfiler.so";
        try (InputStream in = RouterProfiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " on the classpath (tools.profiler:async-profiler)");
            }
            Path library = workDir.resolve("async-profiler").resolve(resource);
            Files.createDirectories(library.getParent());
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return library;
        }
    }

    private static String libraryVersion() {
        try (InputStream in = RouterProfiler.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/tools.profiler/async-profiler/pom.properties")) {
            if (in == null) {
                return "?";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
