package io.webhookrouter.vonage.media;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.security.interfaces.RSAPrivateKey;

/**
 * The bearer token Vonage's Secure Inbound Media asks for: an RS256 JWT signed with the application's private key,
 * carrying {@code application_id}, {@code iat}, a unique {@code jti} and a short {@code exp}. A new one per download,
 * so that a token that leaks is of use only for minutes.
 */
public final class MediaToken {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Algorithm algorithm;
    private final String applicationId;
    private final Clock clock;

    public MediaToken(String applicationId, RSAPrivateKey key, Clock clock) {
        this.algorithm = Algorithm.RSA256(null, key);
        this.applicationId = applicationId;
        this.clock = clock;
    }

    /** The Authorization header's value. */
    public String authorization() {
        Instant now = clock.instant();
        return "Bearer " + JWT.create()
                .withClaim("application_id", applicationId)
                .withIssuedAt(Date.from(now))
                .withJWTId(UUID.randomUUID().toString())
                .withExpiresAt(Date.from(now.plus(LIFETIME)))
                .sign(algorithm);
    }
}
