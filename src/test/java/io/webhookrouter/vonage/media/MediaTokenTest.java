package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.junit.jupiter.api.Test;

class MediaTokenTest {

    private static final KeyPair KEYS = MediaFixtures.rsaKeyPair();
    private static final Instant NOW = Instant.parse("2025-02-03T12:14:25Z");

    private static DecodedJWT verified(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        return JWT.require(Algorithm.RSA256((RSAPublicKey) KEYS.getPublic(), null))
                .acceptExpiresAt(Long.MAX_VALUE / 1000 - NOW.getEpochSecond())
                .build()
                .verify(authorization.substring("Bearer ".length()));
    }

    private static MediaToken token(String pem) {
        return new MediaToken("app-17", PrivateKeyPem.parse(pem), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void signsRs256WithTheApplicationIdAndAShortLife() {
        DecodedJWT jwt = verified(token(MediaFixtures.pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()))
                .authorization());

        assertThat(jwt.getAlgorithm()).isEqualTo("RS256");
        assertThat(jwt.getClaim("application_id").asString()).isEqualTo("app-17");
        assertThat(jwt.getIssuedAtAsInstant()).isEqualTo(NOW);
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(NOW.plus(MediaToken.LIFETIME));
        assertThat(jwt.getId()).isNotBlank();
    }

    @Test
    void givesEachDownloadATokenOfItsOwn() {
        MediaToken token = token(MediaFixtures.pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()));
        assertThat(verified(token.authorization()).getId()).isNotEqualTo(verified(token.authorization()).getId());
    }

    @Test
    void readsAPkcs1KeyAsWellAsAPkcs8One() {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        // Java's PKCS#8 encoding of a 2048-bit key: a 26-byte header, then the PKCS#1 key as its OCTET STRING
        assertThat(pkcs8[22]).isEqualTo((byte) 0x04);
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

        assertThat(PrivateKeyPem.pkcs1ToPkcs8(pkcs1)).isEqualTo(pkcs8);
        assertThat(verified(token(MediaFixtures.pem("RSA PRIVATE KEY", pkcs1)).authorization())
                .getClaim("application_id").asString()).isEqualTo("app-17");
    }

    @Test
    void refusesSomethingThatIsNotAKeyWithoutQuotingIt() {
        assertThatThrownBy(() -> PrivateKeyPem.parse("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> PrivateKeyPem.parse("just text")).isInstanceOf(IllegalArgumentException.class);
    }
}
