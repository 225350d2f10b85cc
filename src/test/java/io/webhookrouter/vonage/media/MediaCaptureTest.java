package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.routing.DeliveryPolicy;

/**
 * The capture bean against a real HTTP server of the test's own: what lands on disk, what the message becomes,
 * and which failures are retried or refused.
 */
class MediaCaptureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECEIVED_AT = "2025-02-03T12:14:25.123Z";
    private static final Instant NOW = Instant.parse("2025-02-03T13:00:00Z");
    private static final long CAP = 64 * 1024;

    @TempDir
    Path dataDir;
    private final MediaServer server = new MediaServer();
    private final String uuid = UUID.randomUUID().toString();

    MediaCaptureTest() throws Exception {
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The certificate of the media host (127.0.0.1 and localhost), and one of another host; both trusted. */
    @TempDir
    static Path certificates;
    private static Path mediaHostKey;
    private static Path otherHostKey;
    private static SSLContext trusting;

    @BeforeAll
    static void makeCertificates() throws Exception {
        mediaHostKey = TestCertificates.keyStore(certificates, "media-host", "dns:localhost,ip:127.0.0.1");
        otherHostKey = TestCertificates.keyStore(certificates, "other-host", "dns:media.example.org");
        trusting = TestCertificates.client(TestCertificates.trustStore(certificates, mediaHostKey, otherHostKey));
    }

    private MediaCapture capture(Supplier<String> authorization, Instant now) {
        DownloadPolicy policy = new DownloadPolicy(HostAllowList.parse("127.0.0.1"), true, CAP,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new MediaCapture(true, new MediaStore(dataDir.resolve("media")),
                new MediaDownloader(policy, InetAddress::getAllByName, trusting, authorization), Duration.ofHours(48),
                new MediaMetrics(Set.of("whatsapp", "mms")), Clock.fixed(now, ZoneOffset.UTC));
    }

    private MediaCapture capture() {
        return capture(() -> null, NOW);
    }

    private Exchange event(String channel, String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("VonageMessageUuid", uuid);
        exchange.getMessage().setHeader("VonageChannel", channel);
        exchange.getMessage().setHeader("VonageEventType", "inbound");
        exchange.getMessage().setHeader("VonageReceivedAt", RECEIVED_AT);
        exchange.getMessage().setHeader("JMSXGroupID", uuid);
        exchange.getMessage().setHeader("JMSXDeliveryCount", 1);
        exchange.getMessage().setBody(json);
        return exchange;
    }

    private Exchange whatsappImage(String url) {
        return event("whatsapp", "{\"channel\":\"whatsapp\",\"message_uuid\":\"" + uuid + "\",\"message_type\":\"image\","
                + "\"image\":{\"url\":\"" + url + "\",\"caption\":\"receipt\"}}");
    }

    private Path directory() {
        return dataDir.resolve("media").resolve("2025-02-03").resolve(uuid);
    }

    private List<String> filesInDirectory() throws Exception {
        if (!Files.exists(directory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void storesAnImageUnderTheDayReceivedWithAManifestThatBecomesTheMessage() throws Exception {
        byte[] image = MediaFixtures.bytes(20_000, 1);
        server.serve("/v3/media/abc", "image/jpeg", image);
        Exchange exchange = whatsappImage(server.url("/v3/media/abc"));
        exchange.getMessage().setHeader("JMSMessageID", "ID:1");

        capture().capture(exchange);

        assertThat(Files.readAllBytes(directory().resolve("0-abc"))).isEqualTo(image);
        JsonNode manifest = JSON.readTree(directory().resolve("manifest.json").toFile());
        assertThat(JSON.readTree(exchange.getMessage().getBody(String.class))).isEqualTo(manifest);
        assertThat(manifest.path("message_uuid").asText()).isEqualTo(uuid);
        assertThat(manifest.path("directory").asText()).isEqualTo("media/2025-02-03/" + uuid);
        JsonNode item = manifest.path("items").get(0);
        assertThat(item.path("url").asText()).isEqualTo(server.url("/v3/media/abc"));
        assertThat(item.path("file").asText()).isEqualTo("0-abc");
        assertThat(item.path("content_type").asText()).isEqualTo("image/jpeg");
        assertThat(item.path("size").asLong()).isEqualTo(image.length);
        assertThat(item.path("sha256").asText()).isEqualTo(MediaFixtures.sha256(image));
        // the event's own headers travel with the manifest, the consumed message's do not
        assertThat(exchange.getMessage().getHeaders()).containsKeys("VonageMessageUuid", "VonageChannel",
                "VonageReceivedAt", "JMSXGroupID").doesNotContainKeys("JMSMessageID", "JMSXDeliveryCount");
        assertThat(filesInDirectory()).containsExactly("0-abc", "manifest.json");
    }

    @Test
    void storesAnImageDownloadedOverHttpsWithTheSha256OfItsBytes() throws Exception {
        byte[] image = MediaFixtures.bytes(30_000, 9);
        try (MediaServer https = new MediaServer(TestCertificates.server(mediaHostKey))) {
            https.serve("/v3/media/tls", "image/jpeg", image);

            capture().capture(whatsappImage(https.url("/v3/media/tls")));
        }

        assertThat(Files.readAllBytes(directory().resolve("0-tls"))).isEqualTo(image);
        JsonNode item = JSON.readTree(directory().resolve("manifest.json").toFile()).path("items").get(0);
        assertThat(item.path("url").asText()).startsWith("https://127.0.0.1:");
        assertThat(item.path("sha256").asText()).isEqualTo(MediaFixtures.sha256(image));
    }

    @Test
    void retriesAHostWhoseCertificateIsForAnotherNameWithoutSendingTheRequestOrStoringAnything() throws Exception {
        try (MediaServer impostor = new MediaServer(TestCertificates.server(otherHostKey))) {
            impostor.serve("/v3/media/tls", "image/jpeg", new byte[100]);

            // trusted, but not 127.0.0.1's: the name check fails, not the trust; a network-level failure, retried
            assertThatThrownBy(() -> capture().capture(whatsappImage(impostor.url("/v3/media/tls"))))
                    .isInstanceOf(SSLException.class).isNotInstanceOf(MediaRefused.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(impostor.requests("/v3/media/tls")).isZero();
        }
        assertThat(filesInDirectory()).isEmpty();
    }

    @Test
    void storesEachItemOfAnMmsAndAFileUnderItsOwnName() throws Exception {
        byte[] first = MediaFixtures.bytes(3000, 2);
        byte[] second = MediaFixtures.bytes(70, 3);
        server.serve("/m/one.png", "image/png", first).serveChunked("/m/two", "application/pdf", second);
        Exchange exchange = event("mms", "{\"content\":[{\"type\":\"image\",\"url\":\"" + server.url("/m/one.png")
                + "\"},{\"type\":\"file\",\"url\":\"" + server.url("/m/two") + "\",\"name\":\"Invoice 17.pdf\"}]}");

        capture().capture(exchange);

        assertThat(Files.readAllBytes(directory().resolve("0-one.png"))).isEqualTo(first);
        assertThat(Files.readAllBytes(directory().resolve("1-Invoice_17.pdf"))).isEqualTo(second);
        JsonNode items = JSON.readTree(directory().resolve("manifest.json").toFile()).path("items");
        assertThat(items.get(1).path("sha256").asText()).isEqualTo(MediaFixtures.sha256(second));
        assertThat(items.get(1).path("size").asLong()).isEqualTo(second.length);
    }

    @Test
    void sendsAnRs256TokenOfTheApplicationWhenSecureInboundMediaIsOn() throws Exception {
        KeyPair keys = MediaFixtures.rsaKeyPair();
        Path pem = Files.writeString(dataDir.resolve("private.key"),
                MediaFixtures.pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        MediaToken token = new MediaToken("app-1", PrivateKeyPem.parse(Files.readString(pem)), Clock.systemUTC());
        byte[] image = MediaFixtures.bytes(1000, 4);
        server.requireAuthorization("/secure", authorization -> {
            try {
                return JWT.require(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), null))
                        .withClaim("application_id", "app-1").build()
                        .verify(authorization.substring("Bearer ".length())).getExpiresAt() != null;
            } catch (RuntimeException refused) {
                return false;
            }
        }, "image/jpeg", image);

        capture(token::authorization, NOW).capture(whatsappImage(server.url("/secure")));

        assertThat(Files.readAllBytes(directory().resolve("0-secure"))).isEqualTo(image);
    }

    @Test
    void refusesA401WhenTheServerWantsATokenAndNoneIsConfigured() {
        server.requireAuthorization("/secure", authorization -> true, "image/jpeg", new byte[1]);
        assertThatThrownBy(() -> capture().capture(whatsappImage(server.url("/secure"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("401");
    }

    @Test
    void throwsARetryableFailureOn5xxAndStoresTheMediaOnALaterAttempt() throws Exception {
        byte[] image = MediaFixtures.bytes(5000, 5);
        server.failFirst("/flaky", 2, "image/jpeg", image);
        MediaCapture capture = capture();

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> capture.capture(whatsappImage(server.url("/flaky"))))
                    .isInstanceOf(MediaUnavailable.class).isNotInstanceOf(MediaRefused.class);
        }
        capture.capture(whatsappImage(server.url("/flaky")));

        assertThat(Files.readAllBytes(directory().resolve("0-flaky"))).isEqualTo(image);
        assertThat(server.requests("/flaky")).isEqualTo(3);
        assertThat(filesInDirectory()).containsExactly("0-flaky", "manifest.json");
    }

    @Test
    void refusesA404AndLeavesNoFile() throws Exception {
        server.status("/gone", 404);
        assertThatThrownBy(() -> capture().capture(whatsappImage(server.url("/gone"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("404");
        assertThat(filesInDirectory()).isEmpty();
    }

    @Test
    void refusesABodyOverTheCapWhileStreamingAndLeavesNoFile() throws Exception {
        // chunked: no Content-Length warns of the size
        server.serveChunked("/huge", "video/mp4", MediaFixtures.bytes((int) CAP + 1, 6));
        assertThatThrownBy(() -> capture().capture(whatsappImage(server.url("/huge"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("MEDIA_MAX_BYTES");
        assertThat(filesInDirectory()).isEmpty();
    }

    @Test
    void cutsTheConnectionOfABodyOverTheCapRatherThanReadingItToTheEnd() {
        server.serveEndless("/endless", "video/mp4");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> capture().capture(whatsappImage(server.url("/endless"))))
                        .isInstanceOf(MediaRefused.class).hasMessageContaining("MEDIA_MAX_BYTES"));
    }

    @Test
    void refusesABodyWhoseContentLengthIsOverTheCapBeforeReadingIt() throws Exception {
        server.serve("/huge", "video/mp4", MediaFixtures.bytes((int) CAP * 2, 7));
        assertThatThrownBy(() -> capture().capture(whatsappImage(server.url("/huge"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("Content-Length");
        assertThat(filesInDirectory()).isEmpty();
    }

    @Test
    void refusesAHostNotAllowedWithoutSendingItARequest() {
        server.serve("/x", "image/jpeg", new byte[10]);
        assertThatThrownBy(() -> capture().capture(whatsappImage(server.urlOnLocalhost("/x"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("MEDIA_ALLOWED_HOSTS");
        assertThat(server.requests("/x")).isZero();
    }

    @Test
    void refusesAPrivateAddressReachedThroughAWildcard() {
        DownloadPolicy policy = new DownloadPolicy(HostAllowList.parse("*.media.test"), true, CAP,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        MediaDownloader downloader = new MediaDownloader(policy,
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, () -> null);
        assertThatThrownBy(() -> downloader.download("http://cdn.media.test/x", java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("private address");
    }

    @Test
    void refusesPlainHttpUnlessAllowed() {
        DownloadPolicy policy = new DownloadPolicy(HostAllowList.parse("127.0.0.1"), false, CAP,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
        MediaDownloader downloader = new MediaDownloader(policy, InetAddress::getAllByName, () -> null);
        assertThatThrownBy(() -> downloader.download(server.url("/x"), java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("https only");
    }

    @Test
    void refusesARedirectToAnotherHost() {
        server.handleRedirect("/moved", server.urlOnLocalhost("/elsewhere"));
        assertThatThrownBy(() -> capture().capture(whatsappImage(server.url("/moved"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("redirect");
        assertThat(server.requests("/elsewhere")).isZero();
    }

    @Test
    void followsARedirectOnTheSameHost() throws Exception {
        byte[] image = MediaFixtures.bytes(100, 8);
        server.handleRedirect("/moved", server.url("/here")).serve("/here", "image/gif", image);
        capture().capture(whatsappImage(server.url("/moved")));
        assertThat(Files.readAllBytes(directory().resolve("0-moved"))).isEqualTo(image);
    }

    @Test
    void refusesMediaOlderThanTheRetryWindowWithoutDownloadingIt() {
        server.serve("/old", "image/jpeg", new byte[10]);
        MediaCapture late = capture(() -> null, Instant.parse(RECEIVED_AT).plus(Duration.ofHours(49)));
        assertThatThrownBy(() -> late.capture(whatsappImage(server.url("/old"))))
                .isInstanceOf(MediaRefused.class).hasMessageContaining("MEDIA_RETRY_FOR_SECONDS");
        assertThat(server.requests("/old")).isZero();
    }

    @Test
    void removesTheHalfWrittenFilesOfAnEarlierAttempt() throws Exception {
        Files.createDirectories(directory());
        Files.write(directory().resolve(MediaStore.TEMP_PREFIX + "123.part"), new byte[5]);
        server.serve("/a", "image/jpeg", new byte[10]);
        capture().capture(whatsappImage(server.url("/a")));
        assertThat(filesInDirectory()).containsExactly("0-a", "manifest.json");
    }

    @Test
    void aRefusalIsTheLastAttemptForTheDeadLetterHandler() {
        DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), Duration.ofHours(24));
        Exchange first = whatsappImage("https://api.nexmo.com/x");
        first.setException(new MediaUnavailable("HTTP 503"));
        assertThat(policy.isLastAttempt(first)).isFalse();
        first.setException(new MediaRefused("HTTP 404"));
        assertThat(policy.isLastAttempt(first)).isTrue();
    }

    @Test
    void wantsOnlyEventsWithMediaAndOnlyWhenEnabled() {
        String image = "{\"image\":{\"url\":\"https://api.nexmo.com/x\"}}";
        assertThat(capture().isWanted(image)).isTrue();
        assertThat(capture().isWanted("{\"text\":\"hi\"}")).isFalse();
        assertThat(capture().isWanted("not json")).isFalse();
        MediaCapture off = new MediaCapture(false, null, null, Duration.ZERO, null, Clock.systemUTC());
        assertThat(off.isWanted(image)).isFalse();
    }
}
