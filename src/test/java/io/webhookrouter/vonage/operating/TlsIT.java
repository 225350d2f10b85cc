package io.webhookrouter.vonage.operating;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/** The webhook endpoints over HTTPS, with a self-signed keystore the test makes with the JDK's keytool. */
class TlsIT extends RouterTestSupport {

    private static final String PASSWORD = "changeit-" + UUID.randomUUID();
    private Path keystore;

    private synchronized Path keystore() {
        if (keystore == null) {
            try {
                keystore = Files.createTempDirectory("tls-it").resolve("router.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "router", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                        .redirectErrorStream(true).start();
                assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(keytool.exitValue()).isZero();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return keystore;
    }

    @Override
    protected Properties routerProperties() {
        Properties properties = new Properties();
        properties.put("camel.server.use-global-ssl-context-parameters", "true");
        properties.put("camel.ssl.enabled", "true");
        properties.put("camel.ssl.key-store", "file:" + keystore());
        properties.put("camel.ssl.keystore-password", PASSWORD);
        return properties;
    }

    @Test
    void acceptsASignedWebhookOverHttpsWithTheConfiguredCertificate() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid("status-delivered", uuid).getBytes(StandardCharsets.UTF_8);
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore())).build();

        HttpResponse<String> response = https.send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + httpPort() + "/webhooks/status"))
                .header("Content-Type", "application/json")
                .header("Authorization", signer.authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession()).isPresent();
        assertThat(broker().receive("vonage.status.delivered", "VonageMessageUuid = '" + uuid + "'", 10_000)).isNotNull();
        assertThat(broker().browseUuid(VonageQueues.DEAD, uuid)).isEmpty();
    }

    @Test
    void refusesPlainHttpOnTheTlsPort() {
        HttpRequest plain = request("/webhooks/status").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(plain)).isInstanceOf(java.io.IOException.class);
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
