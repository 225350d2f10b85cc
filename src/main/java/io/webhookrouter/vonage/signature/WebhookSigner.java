package io.webhookrouter.vonage.signature;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

/**
 * Signs a webhook body the way Vonage does (docs/operating.md, *Pointing Vonage at it*: an HS256 JWT with a
 * payload_hash). The router never signs anything it receives: this is for the simulator, the benchmark and the
 * tests, which must send what Vonage would send.
 */
public final class WebhookSigner {

    private final Algorithm algorithm;
    private final String apiKey;
    private final String applicationId;

    public WebhookSigner(String secret, String apiKey, String applicationId) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.apiKey = apiKey;
        this.applicationId = applicationId;
    }

    /** The value of the Authorization header for this body, issued at the given time. */
    public String authorization(byte[] body, Instant issuedAt) {
        return "Bearer " + JWT.create()
                .withIssuedAt(Date.from(issuedAt))
                .withJWTId(UUID.randomUUID().toString())
                .withIssuer("Vonage")
                .withClaim("payload_hash", Sha256.hex(body))
                .withClaim("api_key", apiKey)
                .withClaim("application_id", applicationId)
                .sign(algorithm);
    }
}
