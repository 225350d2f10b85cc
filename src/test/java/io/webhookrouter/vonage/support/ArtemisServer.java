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

    private static final Path HOME = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.44.0"));

    private final Path instance;
    private final int port;
    private final Path log;
    private final boolean backup;
    private Process process;

    /** A single broker. */
    public ArtemisServer(String name) throws Exception {
        this(name, FreePorts.next(), List.of());
    }

    private ArtemisServer(String name, int port, List<String> options) throws Exception {
        this.port = port;
        this.backup = options.contains("--backup");
        instance = Files.createTempDirectory("artemis-" + name);
        log = Path.of("target", "router-logs", "artemis-" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> create = new java.util.ArrayList<>(List.of(HOME.resolve("bin/artemis").toString(), "create",
                instance.toString(), "--force",
                "--user", USER, "--password", PASSWORD, "--require-login", "--silent", "--no-web", "--nio",
                "--no-autotune", "--host", "127.0.0.1", "--default-port", String.valueOf(port),
                "--no-amqp-acceptor", "--no-stomp-acceptor", "--no-mqtt-acceptor", "--no-hornetq-acceptor"));
        create.addAll(options);
        run(create);
    }

    /**
     * A primary and its backup sharing one journal: when the primary dies, the backup takes the journal's lock
     * and carries on with every stored message. Start the primary first.
     */
    public static ArtemisServer[] sharedStorePair(String name) throws Exception {
        Path journal = Files.createTempDirectory("artemis-" + name + "-shared");
        int primaryPort = FreePorts.next();
        int backupPort = FreePorts.next();
        List<String> cluster = List.of("--shared-store", "--data", journal.toString(), "--clustered",
                "--cluster-user", "cluster", "--cluster-password", "cluster-password", "--failover-on-shutdown");
        List<String> primary = new java.util.ArrayList<>(cluster);
        primary.addAll(List.of("--staticCluster", "tcp://127.0.0.1:" + backupPort));
        List<String> backup = new java.util.ArrayList<>(cluster);
        backup.addAll(List.of("--backup", "--staticCluster", "tcp://127.0.0.1:" + primaryPort));
        return new ArtemisServer[] {
            new ArtemisServer(name + "-primary", primaryPort, primary),
            new ArtemisServer(name + "-backup", backupPort, backup)};
    }

    /** The client URL of an HA pair: either broker, failing over between them. */
    public static String haUrl(ArtemisServer primary, ArtemisServer backup) {
        return "(" + primary.url() + "," + backup.url() + ")?ha=true";
    }

    /** The URL a router is given as BROKER_URL. */
    /** A router (not started) whose broker is this one, with its login, in a data directory of its own. */
    public RouterProcess router(String name) throws IOException {
        return new RouterProcess(Files.createTempDirectory(name), name)
                .with("BROKER_URL", url())
                .with("BROKER_USER", USER)
                .with("BROKER_PASSWORD", PASSWORD);
    }

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
            if (backup ? Files.readString(log).contains("AMQ221109") : accepts()) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Artemis not up within 60 s; see " + log);
    }

    private boolean accepts() {
        try (Connection connection = new ActiveMQConnectionFactory(urlWithLogin()).createConnection()) {
            return true;
        } catch (Exception notYet) {
            return false;
        }
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
