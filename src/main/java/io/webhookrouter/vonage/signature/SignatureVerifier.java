package io.webhookrouter.vonage.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;

import io.webhookrouter.vonage.signature.SignatureRejected.Reason;

/**
 * Verifies Vonage's signed-webhook JWT (docs/operating.md, *Pointing Vonage at it*: an HS256 JWT with a payload_hash)
 * against the exact bytes of the request body.
 * <p>
 * The algorithm is pinned to HS256: the token's own {@code alg} is only compared, never used to pick a verifier.
 * Signatures and payload hashes are compared in constant time.
 */
public final class SignatureVerifier {

    private static final String BEARER = "Bearer ";
    private static final String PINNED_ALGORITHM = "HS256";
    private static final String ISSUER = "Vonage";
    /** Real tokens are about 400 characters; anything far larger is not worth decoding. */
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final int HS256_MAC_BYTES = 32;
    private static final Base64.Encoder CANONICAL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final String requiredApiKey;
    private final String requiredApplicationId;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param secrets               signature secrets valid for any account (more than one during rotation)
     * @param requiredApiKey        when not null, the token's {@code api_key} must equal it
     * @param requiredApplicationId when not null, the token's {@code application_id} must equal it
     * @param clockSkew             how far in the future {@code iat} may be
     * @param maxAge                how far in the past {@code iat} may be
     */
    public SignatureVerifier(List<String> secrets, String requiredApiKey, String requiredApplicationId,
                             Duration clockSkew, Duration maxAge, Clock clock) {
        this(SigningKeys.anyAccount(secrets), requiredApiKey, requiredApplicationId, clockSkew, maxAge, clock);
    }

    /** @param keys the secrets valid now, for any account or for one {@code api_key} each */
    public SignatureVerifier(SigningKeys keys, String requiredApiKey, String requiredApplicationId,
                             Duration clockSkew, Duration maxAge, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signature secret is required");
        }
        this.keys = keys;
        this.requiredApiKey = blankToNull(requiredApiKey);
        this.requiredApplicationId = blankToNull(requiredApplicationId);
        this.clockSkew = clockSkew;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * @param authorization the value of the single Authorization header, or null when there was none
     * @param body          the request body exactly as received
     */
    public VerifiedToken verify(String authorization, byte[] body) throws SignatureRejected {
        DecodedJWT jwt = decode(bearerToken(authorization));
        checkSignature(jwt);
        checkClaims(jwt, body);
        return new VerifiedToken(jwt.getClaim("api_key").asString(), jwt.getClaim("application_id").asString());
    }

    private static String bearerToken(String authorization) throws SignatureRejected {
        // an empty header carries no credentials at all: it is as unsigned as no header (503: Vonage retries,
        // signed), where a 401 would make Vonage drop the event for good
        if (authorization == null || authorization.isBlank()) {
            throw new SignatureRejected(Reason.MISSING_TOKEN);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new SignatureRejected(Reason.NOT_BEARER);
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new SignatureRejected(Reason.MALFORMED_TOKEN);
        }
        return token;
    }

    private static DecodedJWT decode(String token) throws SignatureRejected {
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token);
        } catch (RuntimeException e) {
            // the library parses text anyone can send, before any signature is checked: whatever it fails with
            // (JWTDecodeException, or DateTimeException for an iat, exp or nbf beyond Instant's range) means a
            // malformed token, not a 503 with a stack trace in the log
            throw new SignatureRejected(Reason.MALFORMED_TOKEN);
        }
        if (!PINNED_ALGORITHM.equals(jwt.getAlgorithm())) {
            throw new SignatureRejected(Reason.ALGORITHM_NOT_ALLOWED);
        }
        return jwt;
    }

    private void checkSignature(DecodedJWT jwt) throws SignatureRejected {
        byte[] signature = canonicalMac(jwt.getSignature());
        if (signature == null) {
            throw new SignatureRejected(Reason.BAD_SIGNATURE);
        }
        byte[] signingInput = (jwt.getHeader() + "." + jwt.getPayload()).getBytes(StandardCharsets.US_ASCII);
        // the api_key claim only picks the candidate secrets: nothing in the token is trusted before one verifies
        for (HmacSha256Key key : keys.candidates(jwt.getClaim("api_key").asString())) {
            if (key.signed(signingInput, signature)) {
                return;
            }
        }
        throw new SignatureRejected(Reason.BAD_SIGNATURE);
    }

    /**
     * The MAC in the signature segment, or null unless the segment is the one spelling of a 32-byte MAC that JWS
     * allows (base64url, no padding, RFC 7515 §2). The decoder also takes a padded form and ignores the spare low bits of the last character, so
     * without this check several different tokens would verify with one signature.
     */
    private static byte[] canonicalMac(String signature) {
        try {
            byte[] mac = Base64.getUrlDecoder().decode(signature);
            return mac.length == HS256_MAC_BYTES && CANONICAL.encodeToString(mac).equals(signature) ? mac : null;
        } catch (IllegalArgumentException notBase64url) {
            return null;
        }
    }

    private void checkClaims(DecodedJWT jwt, byte[] body) throws SignatureRejected {
        if (!ISSUER.equals(jwt.getIssuer())) {
            throw new SignatureRejected(Reason.WRONG_ISSUER);
        }
        checkPayloadHash(jwt.getClaim("payload_hash"), body);
        if (requiredApiKey != null && !requiredApiKey.equals(jwt.getClaim("api_key").asString())) {
            throw new SignatureRejected(Reason.API_KEY_MISMATCH);
        }
        if (requiredApplicationId != null
                && !requiredApplicationId.equals(jwt.getClaim("application_id").asString())) {
            throw new SignatureRejected(Reason.APPLICATION_ID_MISMATCH);
        }
        checkIssuedAt(jwt.getClaim("iat"));
    }

    private static void checkPayloadHash(Claim claim, byte[] body) throws SignatureRejected {
        String hex = claim.asString();
        if (hex == null) {
            throw new SignatureRejected(Reason.PAYLOAD_HASH_MISSING);
        }
        byte[] claimed = hex.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = Sha256.hex(body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(claimed, actual)) {
            throw new SignatureRejected(Reason.PAYLOAD_HASH_MISMATCH);
        }
    }

    private void checkIssuedAt(Claim iat) throws SignatureRejected {
        Long seconds = iat.asLong();
        if (seconds == null) {
            throw new SignatureRejected(Reason.ISSUED_AT_MISSING);
        }
        Instant issuedAt = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(clockSkew))) {
            throw new SignatureRejected(Reason.ISSUED_IN_FUTURE);
        }
        if (issuedAt.isBefore(now.minus(maxAge))) {
            throw new SignatureRejected(Reason.TOO_OLD);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
