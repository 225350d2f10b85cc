package org.example.host;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * The host application, started as it is configured, with the webhook endpoints from the library jar: a signed
 * webhook over real HTTP is answered 200, stored in the embedded broker, routed to its queue and archived;
 * a tampered or oversized one is refused, and the application's own route is still served.
 */
class SignedWebhookTest {

    private static final String SECRET = "host-application-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Main main;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = freePort();
        main = HostApplication.create();
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("vonage.signature-secret", SECRET);
        // consumers here share the broker in-VM; the loopback listener's port may be taken on a build machine
        main.addOverrideProperty("embedded-broker.port", "0");
        main.addOverrideProperty("camel.main.routes-include-pattern", routesWithTheTestsRoutingTable());
        main.start();
    }

    /**
     * The application's routes and the library's webhook endpoints as configured, but the routing table the
     * assertions below expect: the router build's copy of the default one. The library jar ships the router's
     * routes/ as its operator left them, and an edit there must not fail this build.
     */
    private static String routesWithTheTestsRoutingTable() {
        String home = Objects.requireNonNull(System.getProperty("router.home"),
                "router.home: the router home with the tests' routing table (set by this project's pom)");
        return "classpath:camel/*.yaml,classpath:vonage-webhook-router/routes/webhooks.camel.yaml,"
                + "file:" + home + "/routes/routing.camel.yaml,file:" + home + "/routes/delivery.camel.yaml";
    }

    @AfterAll
    static void stop() {
        main.stop();
    }

    @Test
    void signedWebhookIsStoredRoutedAndArchived() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = inboundSms(uuid);

        HttpResponse<String> answer = post("/webhooks/inbound", body,
                new WebhookSigner(SECRET, "host-key", "host-app").authorization(body, Instant.now()));
        assertEquals(200, answer.statusCode(), answer.body());

        ConsumerTemplate consumer = main.getCamelContext().createConsumerTemplate();
        Exchange exchange = consumer.receive("jms:queue:vonage.inbound.sms", 10_000);
        assertNotNull(exchange, "the event did not reach vonage.inbound.sms");
        Message routed = exchange.getMessage();
        assertEquals(new String(body, UTF_8), routed.getBody(String.class));
        assertEquals(uuid, routed.getHeader("VonageMessageUuid"));
        assertEquals("inbound", routed.getHeader("VonageEventType"));

        // DATA_DIR is the router's default, relative to the application's working directory; the archive is dated
        // by the day the router received the event, which is not today's date for a test that runs over midnight
        String receivedOn = routed.getHeader("VonageReceivedAt", String.class).substring(0, 10);
        Path archived = Path.of("data", "archive", "inbound", receivedOn, uuid + ".json");
        assertTrue(eventually(() -> Files.exists(archived)), archived + " was not written");
        assertEquals(new String(body, UTF_8), Files.readString(archived));
    }

    @Test
    void tamperedWebhookIsRefused() throws Exception {
        byte[] signed = inboundSms(UUID.randomUUID().toString());
        String authorization = new WebhookSigner(SECRET, "host-key", "host-app").authorization(signed, Instant.now());

        HttpResponse<String> answer = post("/webhooks/inbound",
                new String(signed, UTF_8).replace("Hi there", "Hi therE").getBytes(UTF_8), authorization);
        assertEquals(401, answer.statusCode(), answer.body());
    }

    @Test
    void oversizedWebhookIsRefused() throws Exception {
        byte[] body = new byte[300 * 1024];
        Arrays.fill(body, (byte) ' ');

        HttpResponse<String> answer = post("/webhooks/inbound", body,
                new WebhookSigner(SECRET, "host-key", "host-app").authorization(body, Instant.now()));
        assertEquals(413, answer.statusCode(), answer.body());
    }

    @Test
    void applicationRoutesStillServed() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("hello from the host application", answer.body());
    }

    private static byte[] inboundSms(String uuid) {
        return ("{\"channel\":\"sms\",\"message_uuid\":\"" + uuid + "\",\"to\":\"447700900000\","
                + "\"from\":\"447700900001\",\"timestamp\":\"2025-02-03T12:14:25Z\",\"message_type\":\"text\","
                + "\"text\":\"Hi there\"}").getBytes(UTF_8);
    }

    private static HttpResponse<String> post(String path, byte[] body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(50)) {
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        return condition.getAsBoolean();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
