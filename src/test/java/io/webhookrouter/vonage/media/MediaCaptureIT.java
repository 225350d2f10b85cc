package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.webhookrouter.vonage.support.BrokerProbe;
import io.webhookrouter.vonage.support.RouterMetrics;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;
import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * The packaged router with media capture on, against a media server of the test's own: events are routed as
 * before, their media land under DATA_DIR/media/<day>/<message_uuid>/ with a manifest that is also sent to
 * vonage.media; failures are retried or dead-lettered; a kill -9 mid-download loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaCaptureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_URL = "https://api-eu.nexmo.com/v3/media/3c2f0d48-0a5b-4b0c-9e3f-6a3f0b2c1d11";
    private static final int MAX_BYTES = 256 * 1024;
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final WebhookSigner signer = new WebhookSigner(RouterTestSupport.SECRET, "abc123", "app-1");
    private MediaServer server;
    /** https with a certificate for 127.0.0.1, and one whose certificate names another host; both trusted. */
    private MediaServer httpsServer;
    private MediaServer impostor;
    private String trustStoreOptions;
    private RouterProcess router;
    private BrokerProbe broker;

    @BeforeAll
    void startRouter() throws Exception {
        Path certificates = Files.createTempDirectory("media-it-tls");
        Path mediaHost = TestCertificates.keyStore(certificates, "media-host", "dns:localhost,ip:127.0.0.1");
        Path otherHost = TestCertificates.keyStore(certificates, "other-host", "dns:media.example.org");
        trustStoreOptions = TestCertificates.trustStoreOptions(
                TestCertificates.trustStore(certificates, mediaHost, otherHost));
        server = new MediaServer();
        httpsServer = new MediaServer(TestCertificates.server(mediaHost));
        impostor = new MediaServer(TestCertificates.server(otherHost));
        router = withMediaCapture(new RouterProcess(Files.createTempDirectory("media-it"), "media")).start();
        broker = new BrokerProbe(router.brokerUrl());
    }

    @AfterAll
    void stopRouter() throws Exception {
        broker.close();
        router.close();
        server.close();
        httpsServer.close();
        impostor.close();
    }

    private RouterProcess withMediaCapture(RouterProcess router) {
        // the router's JVM trusts the tests' certificates in place of the JDK's default trust store
        return router.with("JAVA_TOOL_OPTIONS", trustStoreOptions)
                .with("MEDIA_CAPTURE_ENABLED", "true")
                .with("MEDIA_ALLOW_HTTP", "true")
                .with("MEDIA_ALLOWED_HOSTS", "127.0.0.1")
                .with("MEDIA_MAX_BYTES", String.valueOf(MAX_BYTES))
                .with("DELIVERY_INITIAL_DELAY_MILLIS", "200")
                .with("DELIVERY_MAX_DELAY_MILLIS", "800")
                .with("DELIVERY_RETRY_FOR_SECONDS", "20");
    }

    /** Posts a signed inbound WhatsApp image whose URL is the given one; returns its message_uuid. */
    private String postImage(RouterProcess to, String url) throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid("inbound-mms-image", uuid)
                .replace("\"channel\":\"mms\"", "\"channel\":\"whatsapp\"")
                .replace(SAMPLE_URL, url)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(to.webhook("inbound"))
                .header("Content-Type", "application/json")
                .header("Authorization", signer.authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return uuid;
    }

    private static Path mediaDirectory(RouterProcess of, Message routed) throws Exception {
        return of.dataDir().resolve("media").resolve(routed.getStringProperty("VonageReceivedAt").substring(0, 10))
                .resolve(routed.getStringProperty("VonageMessageUuid"));
    }

    private Message receive(BrokerProbe from, String queue, String uuid) throws Exception {
        Message message = from.receive(queue, "VonageMessageUuid = '" + uuid + "'", WITHIN.toMillis());
        assertThat(message).as("event %s in %s", uuid, queue).isNotNull();
        return message;
    }

    private static List<String> files(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void storesTheImageOfARoutedWhatsappEventAndAnnouncesItsManifestOnVonageMedia() throws Exception {
        byte[] image = MediaFixtures.bytes(150_000, 11);
        server.serve("/v3/media/photo", "image/jpeg", image);
        String uuid = postImage(router, server.url("/v3/media/photo"));

        Message routed = receive(broker, "vonage.inbound.whatsapp", uuid);
        Message announced = receive(broker, "vonage.media", uuid);

        Path directory = mediaDirectory(router, routed);
        assertThat(Files.readAllBytes(directory.resolve("0-photo"))).isEqualTo(image);
        JsonNode manifest = JSON.readTree(directory.resolve("manifest.json").toFile());
        assertThat(JSON.readTree(BrokerProbe.bytes(announced))).isEqualTo(manifest);
        assertThat(manifest.path("items").get(0).path("sha256").asText()).isEqualTo(MediaFixtures.sha256(image));
        assertThat(announced.getStringProperty("VonageChannel")).isEqualTo("whatsapp");
        assertThat(announced.getStringProperty("VonageMessageType")).isEqualTo("image");
        assertThat(announced.getStringProperty("VonageReceivedAt")).isEqualTo(routed.getStringProperty("VonageReceivedAt"));
        assertThat(announced.getStringProperty("JMSXGroupID")).as("the event's message group, as docs/media.md says")
                .isEqualTo(uuid).isEqualTo(routed.getStringProperty("JMSXGroupID"));
        assertThat(files(directory)).containsExactly("0-photo", "manifest.json");
        RouterMetrics metrics = RouterMetrics.of(router);
        assertThat(metrics.value("vonage_media_captured_total", "channel=\"whatsapp\"")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("vonage_media_bytes_total", "channel=\"whatsapp\"")).isGreaterThanOrEqualTo(image.length);
    }

    @Test
    void storesAnImageDownloadedOverHttpsWithTheSha256OfItsBytes() throws Exception {
        byte[] image = MediaFixtures.bytes(120_000, 15);
        httpsServer.serve("/v3/media/tls", "image/jpeg", image);
        String uuid = postImage(router, httpsServer.url("/v3/media/tls"));

        Message routed = receive(broker, "vonage.inbound.whatsapp", uuid);
        receive(broker, "vonage.media", uuid);

        Path directory = mediaDirectory(router, routed);
        assertThat(Files.readAllBytes(directory.resolve("0-tls"))).isEqualTo(image);
        JsonNode manifest = JSON.readTree(directory.resolve("manifest.json").toFile());
        assertThat(manifest.path("items").get(0).path("sha256").asText()).isEqualTo(MediaFixtures.sha256(image));
    }

    @Test
    void retriesACertificateForAnotherHostUntilThePolicyGivesUpAndNeverStoresOrRequests() throws Exception {
        impostor.serve("/v3/media/impostor", "image/jpeg", new byte[100]);
        String uuid = postImage(router, impostor.url("/v3/media/impostor"));

        Message routed = receive(broker, "vonage.inbound.whatsapp", uuid);
        // DELIVERY_RETRY_FOR_SECONDS=20: retried for that long, then dead-lettered with the TLS failure
        Message dead = broker.receive("vonage.dead", "VonageMessageUuid = '" + uuid + "'",
                WITHIN.plusSeconds(20).toMillis());

        assertThat(dead).as("dead-lettered after its retries").isNotNull();
        assertThat(Integer.parseInt(dead.getStringProperty("VonageDeadAttempts"))).isGreaterThan(1);
        assertThat(dead.getStringProperty("VonageDeadReason")).doesNotStartWith("MediaRefused").contains("127.0.0.1");
        assertThat(impostor.requests("/v3/media/impostor")).isZero();
        assertThat(files(mediaDirectory(router, routed))).isEmpty();
    }

    @Test
    void retriesAMediaServerThatFailsAtFirstAndStoresTheMediaOnce() throws Exception {
        byte[] image = MediaFixtures.bytes(10_000, 12);
        server.failFirst("/v3/media/flaky", 2, "image/jpeg", image);
        String uuid = postImage(router, server.url("/v3/media/flaky"));

        Message routed = receive(broker, "vonage.inbound.whatsapp", uuid);
        receive(broker, "vonage.media", uuid);

        assertThat(Files.readAllBytes(mediaDirectory(router, routed).resolve("0-flaky"))).isEqualTo(image);
        assertThat(server.requests("/v3/media/flaky")).isEqualTo(3);
        assertThat(broker.receive("vonage.media", "VonageMessageUuid = '" + uuid + "'", 1000)).isNull();
        assertThat(broker.browseUuid("vonage.dead", uuid)).isEmpty();
    }

    @Test
    void deadLettersA404AtOnceWithItsReason() throws Exception {
        server.status("/v3/media/gone", 404);
        String uuid = postImage(router, server.url("/v3/media/gone"));

        Message routed = receive(broker, "vonage.inbound.whatsapp", uuid);
        Message dead = receive(broker, "vonage.dead", uuid);

        assertThat(dead.getStringProperty("VonageDeadRoute")).isEqualTo("deliver-media");
        assertThat(dead.getStringProperty("VonageDeadReason")).startsWith("MediaRefused").contains("404");
        assertThat(dead.getStringProperty("VonageDeadAttempts")).isEqualTo("1");
        assertThat(dead.getStringProperty("VonageChannel")).isEqualTo("whatsapp");
        assertThat(server.requests("/v3/media/gone")).isEqualTo(1);
        assertThat(RouterMetrics.of(router).value("vonage_media_failed_total", "channel=\"whatsapp\"",
                "outcome=\"refused\"")).isGreaterThanOrEqualTo(1);
        assertThat(files(mediaDirectory(router, routed))).isEmpty();
    }

    @Test
    void deadLettersABodyOverTheCapAndLeavesNoFile() throws Exception {
        server.serveChunked("/v3/media/huge", "video/mp4", MediaFixtures.bytes(MAX_BYTES + 1, 13));
        String uuid = postImage(router, server.url("/v3/media/huge"));

        Message routed = receive(broker, "vonage.inbound.whatsapp", uuid);
        Message dead = receive(broker, "vonage.dead", uuid);

        assertThat(dead.getStringProperty("VonageDeadReason")).contains("MEDIA_MAX_BYTES");
        assertThat(files(mediaDirectory(router, routed))).isEmpty();
    }

    @Test
    void deadLettersAHostNotAllowedWithoutSendingItARequest() throws Exception {
        server.serve("/v3/media/elsewhere", "image/jpeg", new byte[100]);
        String uuid = postImage(router, server.urlOnLocalhost("/v3/media/elsewhere"));

        receive(broker, "vonage.inbound.whatsapp", uuid);
        Message dead = receive(broker, "vonage.dead", uuid);

        assertThat(dead.getStringProperty("VonageDeadReason")).contains("MEDIA_ALLOWED_HOSTS");
        assertThat(server.requests("/v3/media/elsewhere")).isZero();
    }

    @Test
    void completesADownloadCutShortByKillMinus9AfterTheRestart() throws Exception {
        byte[] video = MediaFixtures.bytes(200_000, 14);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.stallFirst("/v3/media/video", "video/mp4", video, stalled, release);
        try (RouterProcess crashing = withMediaCapture(new RouterProcess(Files.createTempDirectory("media-crash-it"),
                "media-crash")).start()) {
            String uuid = postImage(crashing, server.url("/v3/media/video"));
            assertThat(stalled.await(WITHIN.toSeconds(), TimeUnit.SECONDS)).as("download started").isTrue();

            crashing.kill();
            release.countDown();
            Path day = crashing.dataDir().resolve("media");
            assertThat(day).isDirectory();

            crashing.start();
            try (BrokerProbe restarted = new BrokerProbe(crashing.brokerUrl())) {
                Message routed = receive(restarted, "vonage.inbound.whatsapp", uuid);
                receive(restarted, "vonage.media", uuid);
                Path directory = mediaDirectory(crashing, routed);
                assertThat(Files.readAllBytes(directory.resolve("0-video"))).isEqualTo(video);
                assertThat(files(directory)).containsExactly("0-video", "manifest.json");
                assertThat(server.requests("/v3/media/video")).isEqualTo(2);
            }
        }
    }
}
