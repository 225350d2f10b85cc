package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What Linux's /proc says about a process: memory and CPU time, for the whole process and per thread. */
public final class ProcFs {

    /** Kernel clock ticks per second, the unit of utime and stime ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    /** A value of /proc/pid/status in KiB, e.g. {@code VmRSS} or {@code VmHWM}. */
    public static long statusKib(long pid, String field) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            return lines.filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.substring(field.length() + 1).trim().split("\\s+")[0])
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/" + pid + "/status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User plus system CPU time the process has used so far, in nanoseconds. */
    public static long cpuNanos(long pid) {
        return cpuNanos(Path.of("/proc", String.valueOf(pid), "stat"));
    }

    /** CPU time all processes of the machine have used so far, on all cores (from the first line of /proc/stat). */
    public static long machineCpuNanos() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU time used so far by each thread, by thread name (several threads of the same name are added up). */
    public static Map<String, Long> cpuNanosByThreadName(long pid) {
        Map<String, Long> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    byName.merge(name, cpuNanos(task.resolve("stat")), Long::sum);
                } catch (IOException | UncheckedIOException threadEnded) {
                    // a thread that ended meanwhile is simply not counted
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    private static long cpuNanos(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the command name (field 2) may contain spaces and parentheses: fields are counted after its last ')'
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
