package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine a run was made on, for the report: cores, CPU model, memory, kernel, Java, and how busy it was. */
public record MachineInfo(int cores, String cpuModel, String memory, String kernel, String javaVersion,
                          String loadAverage) {

    public static MachineInfo describe() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/cpuinfo"), "model name"),
                String.format("%.1f GiB", Long.parseLong(firstValue(Path.of("/proc/meminfo"), "MemTotal")
                        .replace("kB", "").strip()) / 1024.0 / 1024.0),
                read(Path.of("/proc/sys/kernel/osrelease")),
                runJavaVersion(),
                currentLoadAverage());
    }

    public double oneMinuteLoad() {
        return Double.parseDouble(loadAverage.split(" ")[0]);
    }

    /** /proc/loadavg: 1, 5 and 15 minute load averages, runnable/total threads, last pid. */
    public static String currentLoadAverage() {
        return read(Path.of("/proc/loadavg"));
    }

    private static String firstValue(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What {@code java -version} prints for the JVM the targets run on. */
    private static String runJavaVersion() {
        try {
            Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-version").redirectErrorStream(true).start();
            String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            java.waitFor();
            return output;
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.version");
        }
    }
}
