package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import io.webhookrouter.vonage.RouterConfiguration;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.metrics.RouteMetricsScope;
import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * Starts the whole router the way {@code java -jar} does (the properties file, the route files and the
 * configuration class, from the tests' {@link RouterHome}) on free ports, an embedded broker and a temporary data
 * directory, and talks to it over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RouterTestSupport extends CamelMainTestSupport {

    public static final String SECRET = "it-signature-secret";

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    protected final WebhookSigner signer = new WebhookSigner(SECRET, "abc123", "app-1");
    // made on first use: CamelTestSupport asks for the properties from its constructor, before field initialisers
    private Integer httpPort;
    private Integer managementPort;
    private Path dataDir;
    private BrokerProbe broker;

    protected int httpPort() {
        if (httpPort == null) {
            httpPort = FreePorts.next();
        }
        return httpPort;
    }

    protected int managementPort() {
        if (managementPort == null) {
            managementPort = FreePorts.next();
        }
        return managementPort;
    }

    protected Path dataDir() {
        if (dataDir == null) {
            dataDir = tempDir();
        }
        return dataDir;
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return RouterHome.propertiesLocation();
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(RouterConfiguration.class);
        configuration.addConfiguration(RouteMetricsScope.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("camel.server.port", String.valueOf(httpPort()));
        properties.put("camel.management.port", String.valueOf(managementPort()));
        properties.put("router.data-dir", dataDir().toString());
        properties.put("vonage.signature-secret", SECRET);
        properties.put("embedded-broker.port", "0");
        // the tests' copy of the routing table; a test class may name other route files in routerProperties()
        properties.put("camel.main.routes-include-pattern", RouterHome.routesPattern("*.camel.yaml"));
        properties.put("camel.main.routes-reload-directory", RouterHome.ROUTES.toString());
        properties.putAll(routerProperties());
        return properties;
    }

    /** Settings a test class changes on top of the shipped configuration. */
    protected Properties routerProperties() {
        return new Properties();
    }

    /** The archive file the routes write for an event (docs/routing.md). */
    protected Path archiveFile(jakarta.jms.Message routed) throws jakarta.jms.JMSException {
        String status = routed.getStringProperty("VonageStatus");
        return dataDir().resolve("archive")
                .resolve(routed.getStringProperty("VonageEventType"))
                .resolve(routed.getStringProperty("VonageReceivedAt").substring(0, 10))
                .resolve(routed.getStringProperty("VonageMessageUuid") + (status == null ? "" : "-" + status) + ".json");
    }

    protected BrokerProbe broker() throws Exception {
        if (broker == null) {
            broker = new BrokerProbe(EmbeddedBroker.IN_VM_URL);
        }
        return broker;
    }

    /** Stops this class's router, so that the next class's embedded broker can take the in-VM address. */
    @AfterAll
    void stopRouter() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (context != null) {
            context.stop();
        }
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                .timeout(Duration.ofSeconds(30));
    }

    protected HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A POST signed the way Vonage signs it. */
    protected HttpResponse<String> postSigned(String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header("Authorization", signer.authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    protected HttpResponse<String> postSigned(String path, String json) throws IOException, InterruptedException {
        return postSigned(path, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vonage-router-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
