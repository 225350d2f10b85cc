package io.webhookrouter.vonage.tools.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.webhookrouter.vonage.signature.WebhookSigner;
import io.webhookrouter.vonage.tools.UsageError;

/**
 * The set of bad signatures {@code simulate --forge} sends. Each is otherwise a correctly signed event, so that
 * the one thing wrong with it is the reason it is refused: 401 for a bad token, 503 for none (docs/operating.md, *Status codes*).
 */
final class Forgeries {

    private static final String ALG_NONE_HEADER = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));
    private static final Duration STALE = Duration.ofDays(30);

    /** Makes a new event for each forgery, so that each can be looked for in the queues on its own. */
    interface Events {
        SimulatedEvent next() throws UsageError;
    }

    private Forgeries() {
    }

    static List<Forgery> all(Events events, String secret, String apiKey, String applicationId) throws UsageError {
        WebhookSigner signer = new WebhookSigner(secret, apiKey, applicationId);
        WebhookSigner impostor = new WebhookSigner(secret + "-not-the-real-one", apiKey, applicationId);
        Instant now = Instant.now();

        SimulatedEvent wrongSecret = events.next();
        SimulatedEvent tampered = events.next();
        SimulatedEvent algNone = events.next();
        SimulatedEvent stale = events.next();
        SimulatedEvent unsigned = events.next();
        return List.of(
                new Forgery("wrong-secret", "signed with another secret", wrongSecret, wrongSecret.body(),
                        impostor.authorization(wrongSecret.body(), now), 401),
                new Forgery("tampered-body", "signed correctly, then one byte of the body changed", tampered,
                        tamper(tampered.body()), signer.authorization(tampered.body(), now), 401),
                new Forgery("alg-none", "the same claims with alg none and no signature", algNone, algNone.body(),
                        withAlgNone(signer.authorization(algNone.body(), now)), 401),
                new Forgery("stale-iat", "signed correctly, but issued " + STALE.toDays() + " days ago", stale,
                        stale.body(), signer.authorization(stale.body(), now.minus(STALE)), 401),
                new Forgery("missing-token", "no Authorization header (Vonage would retry it signed)", unsigned,
                        unsigned.body(), null, 503));
    }

    /** The last digit of the body changed: a price, a phone number or a time, as a man in the middle might. */
    static byte[] tamper(byte[] body) {
        byte[] changed = Arrays.copyOf(body, body.length);
        for (int i = changed.length - 1; i >= 0; i--) {
            if (changed[i] >= '0' && changed[i] <= '9') {
                changed[i] = (byte) (changed[i] == '9' ? '0' : changed[i] + 1);
                return changed;
            }
        }
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        longer[body.length] = ' ';
        return longer;
    }

    /** "Bearer header.claims.signature" becomes "Bearer none-header.claims." (the classic algorithm confusion). */
    private static String withAlgNone(String authorization) {
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        return "Bearer " + ALG_NONE_HEADER + "." + parts[1] + ".";
    }
}
