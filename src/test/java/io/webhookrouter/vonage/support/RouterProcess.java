package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged router ({@code target/vonage-webhook-router.jar}) in a process of its own, started as an operator
 * starts it from a router home: the tests' own ({@link RouterHome}), so that an operator's edit of the project's
 * routes/ or config/ changes nothing here. A test can kill it for real.
 */
public final class RouterProcess implements AutoCloseable {

    /** Absolute, as every path here: the process runs in the router home, not in the project root. */
    public static final Path JAR = Path.of("target", "vonage-webhook-router.jar").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "router-logs").toAbsolutePath();

    /** Starts that failed only because another process took one of the ports first, tried again on new ones. */
    private static final int BIND_ATTEMPTS = 3;

    private final Map<String, String> environment = new HashMap<>();
    private int httpPort;
    private int managementPort;
    private int brokerPort;
    private final Path dataDir;
    private final Path log;
    private Process process;
    private int starts;

    public RouterProcess(Path dataDir, String name) throws IOException {
        this.dataDir = dataDir.toAbsolutePath();
        Files.createDirectories(LOGS);
        this.log = LOGS.resolve(name + ".log");
        environment.put("VONAGE_SIGNATURE_SECRET", RouterTestSupport.SECRET);
        choosePorts();
        environment.put("DATA_DIR", this.dataDir.toString());
        environment.put("ROUTES_RELOAD_ENABLED", "false");
    }

    /** Sets an environment variable for the next start. */
    public RouterProcess with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    private void choosePorts() {
        httpPort = FreePorts.next();
        managementPort = FreePorts.next();
        brokerPort = FreePorts.next();
        environment.put("CAMEL_SERVER_PORT", String.valueOf(httpPort));
        environment.put("CAMEL_MANAGEMENT_PORT", String.valueOf(managementPort));
        environment.put("EMBEDDED_BROKER_PORT", String.valueOf(brokerPort));
    }

    /**
     * Starts the router and waits until its health check says UP. A start that failed because a port was taken
     * in the meantime (by another build on the machine, say) is not the router's fault: it is tried again on
     * other ports, which the test reads through {@link #webhook} and {@link #brokerUrl}.
     */
    public RouterProcess start() throws Exception {
        for (int attempt = 1; ; attempt++) {
            long logStart = Files.exists(log) && starts > 0 ? Files.size(log) : 0;
            launch();
            try {
                awaitHealthy(Duration.ofSeconds(90));
                return this;
            } catch (AssertionError failed) {
                if (attempt == BIND_ATTEMPTS || process.isAlive() || !portWasTaken(logStart)) {
                    throw failed;
                }
                choosePorts();
            }
        }
    }

    private void launch() throws IOException {
        // the test run's temporary directory (under target/), for the router's own temporary files too
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(RouterHome.DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(starts++ == 0 ? ProcessBuilder.Redirect.to(log.toFile())
                        : ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** Whether the start logged since that offset failed on a port already in use. */
    private boolean portWasTaken(long logStart) throws IOException {
        String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.substring((int) Math.min(logStart, text.length())).contains("Address already in use");
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and waits for the process to end; returns its exit code. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("router did not stop within " + within + " of SIGTERM");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public URI webhook(String kind) {
        return URI.create("http://127.0.0.1:" + httpPort + "/webhooks/" + kind);
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** Whether the router has logged that text (a broker message code, say) since it was first started. */
    public boolean logged(String text) throws IOException {
        return Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
    }

    private void awaitHealthy(Duration within) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("router exited with " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                HttpResponse<String> answer = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("router not healthy within " + within + "; see " + log);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }
}
