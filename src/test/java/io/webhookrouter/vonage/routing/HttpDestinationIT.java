package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.BrokerProbe;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.RouterHome;
import io.webhookrouter.vonage.support.Samples;
import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * The worked example of docs/destinations.md, run as written: the packaged jar on the tests' copy of the default
 * route files with the docs' {@code templatedRoute} entry and {@code to:} line applied to them, forwarding every
 * inbound WhatsApp message to a CRM over HTTP.
 * The CRM is an HTTP server of the test's own that answers 503 as often as a test tells it to. Route reloading is
 * on, on a copy of the route files, for the tests that edit the entry while the router runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpDestinationIT {

    private static final Pattern MESSAGE_UUID = Pattern.compile("\"message_uuid\":\"([^\"]+)\"");
    private static final Duration INITIAL_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofMillis(400);
    private static final Duration RETRY_FOR = Duration.ofSeconds(2);

    /** One request the CRM received, and what it answered. */
    private record Received(String path, String body, String contentType, String messageUuidHeader,
                            boolean brokerHeaders, int answered) {
    }

    private final Map<String, AtomicInteger> refusalsLeft = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
    /** The tests' copy of the default route files with the docs' example applied, which a test edits further. */
    private Path routes;
    private HttpServer crm;
    private RouterProcess router;
    private BrokerProbe broker;

    @BeforeAll
    void startCrmAndRouter() throws Exception {
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/vonage/whatsapp", this::answer);
        crm.start();
        routes = Files.createTempDirectory("http-destination-routes");
        try (Stream<Path> files = Files.list(RouterHome.ROUTES)) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        applyTheDocumentedExample();
        router = new RouterProcess(Files.createTempDirectory("http-destination-it"), "http-destination-it")
                // camel-main's own setting, as an environment variable: this test's route files instead of routes/
                .with("CAMEL_MAIN_ROUTESINCLUDEPATTERN", "file:" + routes + "/*.camel.yaml")
                .with("ROUTES_RELOAD_ENABLED", "true")
                .with("CAMEL_MAIN_ROUTESRELOADDIRECTORY", routes.toString())
                .with("CRM_URL", "http://127.0.0.1:" + crm.getAddress().getPort() + "/vonage/whatsapp")
                .with("DELIVERY_INITIAL_DELAY_MILLIS", String.valueOf(INITIAL_DELAY.toMillis()))
                .with("DELIVERY_MAX_DELAY_MILLIS", String.valueOf(MAX_DELAY.toMillis()))
                .with("DELIVERY_RETRY_FOR_SECONDS", String.valueOf(RETRY_FOR.toSeconds()))
                .start();
        broker = new BrokerProbe(router.brokerUrl());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (router != null) {
            router.close();
        }
        if (crm != null) {
            crm.stop(0);
        }
    }

    /**
     * What an operator reads in docs/destinations.md is what this test runs: its first YAML block, the entry (but for
     * its URL), added at the end of delivery.camel.yaml; its second, the whatsapp branch with the one line added,
     * in place of that branch in routing.camel.yaml.
     */
    private void applyTheDocumentedExample() throws IOException {
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("docs", "destinations.md")));
        assertThat(yaml.find()).as("the entry in docs/destinations.md").isTrue();
        String entry = yaml.group(1).replace("\"https://crm.example.com/vonage/whatsapp\"", "\"{{env:CRM_URL}}\"");
        assertThat(yaml.find()).as("the line in docs/destinations.md").isTrue();
        String branch = yaml.group(1);
        String branchBefore = branch.substring(0, branch.stripTrailing().lastIndexOf('\n') + 1);

        Path delivery = routes.resolve("delivery.camel.yaml");
        Files.writeString(delivery, Files.readString(delivery) + "\n" + entry);
        Path routing = routes.resolve("routing.camel.yaml");
        String rules = Files.readString(routing);
        assertThat(rules).as("the branch the docs change").contains(branchBefore);
        Files.writeString(routing, rules.replace(branchBefore, branch));
    }

    /** 503 while the event has refusals left, then 200; every request recorded. */
    private void answer(HttpExchange exchange) throws java.io.IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher uuid = MESSAGE_UUID.matcher(body);
        String key = uuid.find() ? uuid.group(1) : "none";
        AtomicInteger left = refusalsLeft.get(key);
        int status = left != null && left.getAndDecrement() > 0 ? 503 : 200;
        received.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                .add(new Received(exchange.getRequestURI().getPath(), body,
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("VonageMessageUuid"),
                        exchange.getRequestHeaders().keySet().stream().anyMatch(name -> name.toUpperCase().startsWith("JMS")
                                || name.startsWith("_")),
                        status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private List<Received> receivedFor(String uuid) {
        return received.getOrDefault(uuid, List.of());
    }

    private HttpResponse<String> postSignedInbound(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(router.webhook("inbound"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", signer.authorization(body, Instant.now()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The router's own policy for the settings above: the attempts it makes before it gives up. */
    private static int maxAttempts() {
        return new DeliveryPolicy(INITIAL_DELAY, 2, MAX_DELAY, RETRY_FOR).maxAttempts();
    }

    @Test
    void anInboundWhatsAppMessageReachesTheCrmAfterItsFirstAttemptsFail() throws Exception {
        String uuid = UUID.randomUUID().toString();
        refusalsLeft.put(uuid, new AtomicInteger(2));
        String json = Samples.withUuid("inbound-whatsapp-text", uuid);

        assertThat(postSignedInbound(json).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> receivedFor(uuid).stream().anyMatch(r -> r.answered() == 200));
        // a delivered event is not delivered again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receivedFor(uuid).size() == 3);
        assertThat(receivedFor(uuid)).extracting(Received::answered).containsExactly(503, 503, 200);
        // the exact JSON Vonage sent, non-ASCII text included, every time
        assertThat(receivedFor(uuid)).allSatisfy(request -> {
            assertThat(request.body()).isEqualTo(json);
            assertThat(request.contentType()).isEqualTo("application/json; charset=UTF-8");
            assertThat(request.messageUuidHeader()).isEqualTo(uuid);
            assertThat(request.brokerHeaders()).as("broker headers sent as HTTP headers").isFalse();
        });
        // the CRM is one more destination: the channel's queue has the event as before
        Message queued = broker.receive("vonage.inbound.whatsapp", "VonageMessageUuid = '" + uuid + "'", 10_000);
        assertThat(queued).isNotNull();
        assertThat(((TextMessage) queued).getText()).isEqualTo(json);
        assertThat(broker.browseUuid(VonageQueues.DEAD, uuid)).isEmpty();
    }

    @Test
    void anInboundWhatsAppMessageTheCrmKeepsRefusingEndsInTheDeadLetterQueueWithItsReason() throws Exception {
        String uuid = UUID.randomUUID().toString();
        refusalsLeft.put(uuid, new AtomicInteger(Integer.MAX_VALUE));
        String json = Samples.withUuid("inbound-whatsapp-text", uuid);

        assertThat(postSignedInbound(json).statusCode()).isEqualTo(200);

        Message dead = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> broker.browseUuid(VonageQueues.DEAD, uuid), found -> found.size() == 1).get(0);
        assertThat(((TextMessage) dead).getText()).isEqualTo(json);
        assertThat(dead.getStringProperty("VonageDeadRoute")).isEqualTo("deliver-crm");
        assertThat(dead.getStringProperty("VonageDeadReason")).contains("HttpOperationFailedException", "503");
        assertThat(dead.getStringProperty("VonageDeadAttempts")).isEqualTo(String.valueOf(maxAttempts()));
        assertThat(dead.getStringProperty("VonageChannel")).isEqualTo("whatsapp");
        assertThat(receivedFor(uuid)).hasSize(maxAttempts()).allMatch(request -> request.answered() == 503);
        assertThat(broker.browseUuid("vonage.inbound.whatsapp", uuid)).hasSize(1);
        assertThat(broker.browseUuid("vonage.outbox.crm", uuid)).isEmpty();
    }

    /** How often the router has logged that line. */
    private long logged(String line) throws Exception {
        return Pattern.compile(Pattern.quote(line)).matcher(Files.readString(router.log(), StandardCharsets.ISO_8859_1))
                .results().count();
    }

    /** Replaces a line of the router's delivery.camel.yaml and waits until the router has logged that line once more. */
    private void saveDelivery(String line, String replacement, String thenLogged) throws Exception {
        Path delivery = routes.resolve("delivery.camel.yaml");
        String before = Files.readString(delivery);
        assertThat(before).contains(line);
        long times = logged(thenLogged);
        Files.writeString(delivery, before.replace(line, replacement));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> logged(thenLogged) > times);
    }

    private String deliveredTo(String uuid) throws Exception {
        assertThat(postSignedInbound(Samples.withUuid("inbound-whatsapp-text", uuid)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !receivedFor(uuid).isEmpty());
        return receivedFor(uuid).get(0).path();
    }

    @Test
    void aDestinationChangedInItsEntryTakesEffectWhenTheFileIsSaved() throws Exception {
        saveDelivery("        value: \"{{env:CRM_URL}}\"\n", "        value: \"{{env:CRM_URL}}/v2\"\n",
                "Reloaded deliver-crm from its templatedRoute entry");
        try {
            assertThat(deliveredTo(UUID.randomUUID().toString())).isEqualTo("/vonage/whatsapp/v2");
        } finally {
            saveDelivery("        value: \"{{env:CRM_URL}}/v2\"\n", "        value: \"{{env:CRM_URL}}\"\n",
                    "Reloaded deliver-crm from its templatedRoute entry");
        }
    }

    @Test
    void aMisspeltEntryLeavesItsDestinationRunningAsItWas() throws Exception {
        String parameter = "      - name: destination\n        value: \"{{env:CRM_URL}}\"\n";
        saveDelivery(parameter, parameter.replace("destination", "destinatoin"), "Could not reload deliver-crm");
        try {
            assertThat(deliveredTo(UUID.randomUUID().toString())).isEqualTo("/vonage/whatsapp");
        } finally {
            saveDelivery(parameter.replace("destination", "destinatoin"), parameter,
                    "Reloaded deliver-crm from its templatedRoute entry");
        }
    }
}
