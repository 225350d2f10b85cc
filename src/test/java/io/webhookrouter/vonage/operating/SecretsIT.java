package io.webhookrouter.vonage.operating;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/**
 * Secrets from a mounted file (two during a rotation) and per-account secrets, as operators configure them.
 */
class SecretsIT extends RouterTestSupport {

    @Override
    protected Properties routerProperties() {
        try {
            Path secretFile = Files.createTempFile("vonage-secret", ".txt");
            Files.writeString(secretFile, "old-secret\nnew-secret\n");
            Properties properties = new Properties();
            properties.put("vonage.signature-secret", "");
            properties.put("vonage.signature-secret-file", secretFile.toString());
            properties.put("vonage.account-secrets", "second-account:second-secret");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int post(String secret, String apiKey) throws Exception {
        byte[] body = Samples.fresh("status-delivered").getBytes(StandardCharsets.UTF_8);
        return send(request("/webhooks/status").header("Content-Type", "application/json")
                .header("Authorization", new WebhookSigner(secret, apiKey, "app-1").authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).statusCode();
    }

    @Test
    void acceptsBothSecretsOfTheFileDuringARotation() throws Exception {
        assertThat(post("old-secret", "abc123")).isEqualTo(200);
        assertThat(post("new-secret", "abc123")).isEqualTo(200);
        assertThat(post(SECRET, "abc123")).isEqualTo(401);
    }

    @Test
    void acceptsASecondAccountOnlyWithItsOwnSecret() throws Exception {
        assertThat(post("second-secret", "second-account")).isEqualTo(200);
        assertThat(post("second-secret", "abc123")).isEqualTo(401);
    }
}
