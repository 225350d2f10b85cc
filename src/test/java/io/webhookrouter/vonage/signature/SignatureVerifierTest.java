package io.webhookrouter.vonage.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.signature.SignatureRejected.Reason;

class SignatureVerifierTest {

    // Vonage's published test vector (from its SDKs' tests); its iat is 2020-04-21T18:49:22Z
    private static final String VONAGE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE1ODc0OTQ5NjIsImp0aSI6ImM1YmE4ZjI0LTFhMTQtNGMxMC1iZmRmLTNmYmU4Y2U1MTFiNSIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6ImQ2YzBlNzRiNTg1N2RmMjBlM2I3ZTUxYjMwYzBjMmE0MGVjNzNhNzc4NzliNmYwNzRkZGM3YTIzMTdkZDAzMWIiLCJhcGlfa2V5IjoiYTFiMmMzZCIsImFwcGxpY2F0aW9uX2lkIjoiYWFhYWFhYWEtYmJiYi1jY2NjLWRkZGQtMDEyMzQ1Njc4OWFiIn0.JQRKi1d0SQitmjPINfTWMpt3XZkGsLbD7EjCdXoNSbk";
    private static final String VONAGE_SECRET = "ZYtdTtGV3BCFN7tWmOWr1md66XsquMggr4W2cTtXtcPgfnI0Xw";
    private static final Instant VONAGE_IAT = Instant.ofEpochSecond(1587494962);

    private static final String SECRET = "test-signature-secret";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final byte[] BODY = "{\"message_uuid\":\"x\",\"text\":\"h\u00e9llo\"}".getBytes(StandardCharsets.UTF_8);

    private static SignatureVerifier verifier(List<String> secrets, String apiKey, String applicationId, Instant now) {
        return new SignatureVerifier(secrets, apiKey, applicationId, Duration.ofMinutes(5), Duration.ofHours(25),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SignatureVerifier verifier() {
        return verifier(List.of(SECRET), null, null, NOW);
    }

    private static String bearer(JWTCreator.Builder token, String secret) {
        return "Bearer " + token.sign(Algorithm.HMAC256(secret));
    }

    private static JWTCreator.Builder vonageLike(byte[] body, Instant iat) {
        return JWT.create()
                .withIssuedAt(Date.from(iat))
                .withJWTId("jti-1")
                .withIssuer("Vonage")
                .withClaim("payload_hash", Sha256.hex(body))
                .withClaim("api_key", "abc123")
                .withClaim("application_id", "app-1");
    }

    private static Reason rejection(SignatureVerifier verifier, String authorization, byte[] body) {
        try {
            verifier.verify(authorization, body);
        } catch (SignatureRejected rejected) {
            return rejected.reason();
        }
        throw new AssertionError("token was accepted");
    }

    @Test
    void acceptsTheSignatureOfVonagesPublishedTokenWithItsSecret() {
        // the body behind the vector's payload_hash is not published, so the verifier can only be seen to get
        // past the signature and stop at the payload hash
        Reason reason = rejection(verifier(List.of(VONAGE_SECRET), null, null, VONAGE_IAT),
                "Bearer " + VONAGE_TOKEN, BODY);
        assertThat(reason).isEqualTo(Reason.PAYLOAD_HASH_MISMATCH);
    }

    @Test
    void refusesVonagesPublishedTokenWithTheWrongSecret() {
        Reason reason = rejection(
                verifier(List.of("ZYtdTtGV3BCFN7tWmOWr1md66XsquMggr4W2cTtXtcPgf55555"), null, null, VONAGE_IAT),
                "Bearer " + VONAGE_TOKEN, BODY);
        assertThat(reason).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void acceptsATokenSignedLikeVonageAndReportsItsAccount() throws Exception {
        VerifiedToken token = verifier().verify(bearer(vonageLike(BODY, NOW), SECRET), BODY);
        assertThat(token).isEqualTo(new VerifiedToken("abc123", "app-1"));
    }

    @Test
    void theSignerAndTheVerifierAgree() throws Exception {
        String authorization = new WebhookSigner(SECRET, "abc123", "app-1").authorization(BODY, NOW);
        assertThat(verifier().verify(authorization, BODY).apiKey()).isEqualTo("abc123");
    }

    @Test
    void refusesABodyChangedByOneByte() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(rejection(verifier(), bearer(vonageLike(BODY, NOW), SECRET), tampered))
                .isEqualTo(Reason.PAYLOAD_HASH_MISMATCH);
    }

    @Test
    void hashesTheExactBytesNotAReserialisedForm() throws Exception {
        byte[] pretty = "{\n  \"message_uuid\" : \"x\",\n  \"text\" : \"h\u00e9llo \u263A\"\n}\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier().verify(bearer(vonageLike(pretty, NOW), SECRET), pretty)).isNotNull();
        byte[] compact = "{\"message_uuid\":\"x\",\"text\":\"h\u00e9llo \u263A\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(rejection(verifier(), bearer(vonageLike(pretty, NOW), SECRET), compact))
                .isEqualTo(Reason.PAYLOAD_HASH_MISMATCH);
    }

    @Test
    void refusesATokenWithoutPayloadHash() {
        var token = JWT.create().withIssuedAt(Date.from(NOW)).withIssuer("Vonage");
        assertThat(rejection(verifier(), bearer(token, SECRET), BODY)).isEqualTo(Reason.PAYLOAD_HASH_MISSING);
    }

    @Test
    void refusesAnAlgNoneToken() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"Vonage\",\"iat\":" + NOW.getEpochSecond() + ",\"payload_hash\":\""
                + Sha256.hex(BODY) + "\"}");
        assertThat(rejection(verifier(), "Bearer " + header + "." + payload + ".", BODY))
                .isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesOtherHmacAlgorithmsEvenWithTheRightSecret() {
        String hs512 = "Bearer " + vonageLike(BODY, NOW).sign(Algorithm.HMAC512(SECRET));
        assertThat(rejection(verifier(), hs512, BODY)).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        assertThat(rejection(verifier(), bearer(vonageLike(BODY, NOW), "not-the-secret"), BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenWhoseSignatureWasStripped() {
        String token = vonageLike(BODY, NOW).sign(Algorithm.HMAC256(SECRET));
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(rejection(verifier(), "Bearer " + unsigned, BODY)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesAnotherIssuer() {
        var token = vonageLike(BODY, NOW).withIssuer("Mallory");
        assertThat(rejection(verifier(), bearer(token, SECRET), BODY)).isEqualTo(Reason.WRONG_ISSUER);
    }

    @Test
    void refusesAnotherAccountWhenTheApiKeyIsConfigured() throws Exception {
        SignatureVerifier pinned = verifier(List.of(SECRET), "abc123", null, NOW);
        assertThat(pinned.verify(bearer(vonageLike(BODY, NOW), SECRET), BODY)).isNotNull();
        var other = vonageLike(BODY, NOW).withClaim("api_key", "zzz999");
        assertThat(rejection(pinned, bearer(other, SECRET), BODY)).isEqualTo(Reason.API_KEY_MISMATCH);
    }

    @Test
    void refusesAnotherApplicationWhenTheApplicationIdIsConfigured() {
        SignatureVerifier pinned = verifier(List.of(SECRET), null, "app-2", NOW);
        assertThat(rejection(pinned, bearer(vonageLike(BODY, NOW), SECRET), BODY))
                .isEqualTo(Reason.APPLICATION_ID_MISMATCH);
    }

    @Test
    void toleratesClockSkewButNotATokenFromTheFuture() throws Exception {
        assertThat(verifier().verify(bearer(vonageLike(BODY, NOW.plusSeconds(299)), SECRET), BODY)).isNotNull();
        assertThat(rejection(verifier(), bearer(vonageLike(BODY, NOW.plusSeconds(301)), SECRET), BODY))
                .isEqualTo(Reason.ISSUED_IN_FUTURE);
    }

    @Test
    void acceptsRetriesWithinTheRetryWindowButNotOlderTokens() throws Exception {
        assertThat(verifier().verify(bearer(vonageLike(BODY, NOW.minus(Duration.ofHours(24))), SECRET), BODY))
                .isNotNull();
        assertThat(rejection(verifier(), bearer(vonageLike(BODY, NOW.minus(Duration.ofHours(26))), SECRET), BODY))
                .isEqualTo(Reason.TOO_OLD);
    }

    @Test
    void refusesATokenWithoutIssuedAt() {
        var token = JWT.create().withIssuer("Vonage").withClaim("payload_hash", Sha256.hex(BODY));
        assertThat(rejection(verifier(), bearer(token, SECRET), BODY)).isEqualTo(Reason.ISSUED_AT_MISSING);
    }

    @Test
    void acceptsEitherSecretDuringRotation() throws Exception {
        SignatureVerifier rotating = verifier(List.of("old-secret", "new-secret"), null, null, NOW);
        assertThat(rotating.verify(bearer(vonageLike(BODY, NOW), "old-secret"), BODY)).isNotNull();
        assertThat(rotating.verify(bearer(vonageLike(BODY, NOW), "new-secret"), BODY)).isNotNull();
        assertThat(rejection(rotating, bearer(vonageLike(BODY, NOW), "retired-secret"), BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void tellsAMissingTokenFromABadOne() {
        assertThat(rejection(verifier(), null, BODY)).isEqualTo(Reason.MISSING_TOKEN);
        assertThat(rejection(verifier(), "Basic dXNlcjpwYXNz", BODY)).isEqualTo(Reason.NOT_BEARER);
        assertThat(rejection(verifier(), "Bearer ", BODY)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(rejection(verifier(), "Bearer not.a.jwt", BODY)).isEqualTo(Reason.MALFORMED_TOKEN);
        assertThat(rejection(verifier(), "Bearer " + "a".repeat(10_000), BODY)).isEqualTo(Reason.MALFORMED_TOKEN);
    }

    @Test
    void neverPutsTheTokenInTheRejection() {
        String authorization = bearer(vonageLike(BODY, NOW), "not-the-secret");
        assertThatThrownBy(() -> verifier().verify(authorization, BODY))
                .isInstanceOf(SignatureRejected.class)
                .hasMessageNotContaining(authorization.substring(7, 30));
    }

    @Test
    void acceptsEachAccountOnlyWithItsOwnSecrets() throws Exception {
        SignatureVerifier accounts = new SignatureVerifier(
                SigningKeys.parse("", "abc123:secret-a-old, abc123:secret-a-new\nzzz999:secret-z"), null, null,
                Duration.ofMinutes(5), Duration.ofHours(25), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(accounts.verify(bearer(vonageLike(BODY, NOW), "secret-a-old"), BODY).apiKey()).isEqualTo("abc123");
        assertThat(accounts.verify(bearer(vonageLike(BODY, NOW), "secret-a-new"), BODY).apiKey()).isEqualTo("abc123");
        var accountZ = vonageLike(BODY, NOW).withClaim("api_key", "zzz999");
        assertThat(accounts.verify(bearer(accountZ, "secret-z"), BODY).apiKey()).isEqualTo("zzz999");
        // one account's secret does not sign for another
        assertThat(rejection(accounts, bearer(vonageLike(BODY, NOW), "secret-z"), BODY)).isEqualTo(Reason.BAD_SIGNATURE);
        var unknown = vonageLike(BODY, NOW).withClaim("api_key", "nobody");
        assertThat(rejection(accounts, bearer(unknown, "secret-z"), BODY)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void refusesAnAccountSecretWithoutItsApiKey() {
        assertThatThrownBy(() -> SigningKeys.parse("", "just-a-secret")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
