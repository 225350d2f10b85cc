package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A standalone Apache Artemis broker from the distribution on Maven Central (unpacked by the build into
 * {@code target/artemis}), in its own process, with login required.
 */
public final class ArtemisServer implements AutoCloseable {

    public static final String USER = "router";
    public static final String PASSWORD = "router-password";

    private final Path home = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.44.0"));
    private final Path instance;
    private final int port = RouterProcess.freePort();
    private final Path log;
    private Process process;

    public ArtemisServer(String name) throws Exception {
        instance = Files.createTempDirectory("artemis-" + name);
        log = Path.of("target", "router-logs", "artemis-" + name + ".log");
        Files.createDirectories(log.getParent());
        run(List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(), "--force",
                "--user", USER, "--password", PASSWORD, "--require-login", "--silent", "--no-web", "--nio",
                "--no-autotune", "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-stomp-acceptor", "--no-mqtt-acceptor", "--no-hornetq-acceptor"));
    }

    /** The URL a router is given as BROKER_URL. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The same, with the credentials, for the tests' own clients. */
    public String urlWithLogin() {
        return url() + "?user=" + USER + "&password=" + PASSWORD;
    }

    public ArtemisServer start() throws Exception {
        process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Artemis exited during start-up; see " + log);
            }
            try (Connection connection = new ActiveMQConnectionFactory(urlWithLogin()).createConnection()) {
                return this;
            } catch (Exception notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Artemis not up within 60 s; see " + log);
    }

    /** SIGKILL: the broker disappears mid-conversation. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process create = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new AssertionError("artemis create failed: " + command);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
