package io.webhookrouter.vonage.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.webhookrouter.vonage.signature.SignatureRejected;
import io.webhookrouter.vonage.signature.SignatureVerifier;
import io.webhookrouter.vonage.signature.VerifiedToken;

/**
 * {@link SignatureVerifier#verify} on a realistic webhook: a ~1 KB body and the token Vonage would send with it.
 * One thread, so the score is verifications per second per core (issue 5 asks for at least 300,000).
 * Run by {@code bench/run.sh jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SignatureVerifierBenchmark {

    private static final int BODY_BYTES = 1_024;

    private SignatureVerifier verifier;
    private byte[] body;
    private String authorization;

    @Setup
    public void signOneWebhook() throws SignatureRejected {
        Instant now = Instant.now();
        WebhookRequest request = new WebhookRequestFactory().create(0, BODY_BYTES);
        body = request.body();
        authorization = request.authorization();
        verifier = new SignatureVerifier(List.of(WebhookRequestFactory.SECRET), WebhookRequestFactory.API_KEY,
                WebhookRequestFactory.APPLICATION_ID, Duration.ofMinutes(5), Duration.ofHours(25),
                Clock.fixed(now, ZoneOffset.UTC));
        verify();
    }

    @Benchmark
    public VerifiedToken verify() throws SignatureRejected {
        return verifier.verify(authorization, body);
    }
}
