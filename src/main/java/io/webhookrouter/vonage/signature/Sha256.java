package io.webhookrouter.vonage.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of raw bytes, as Vonage's {@code payload_hash} claim carries it: lowercase hex. */
public final class Sha256 {

    // one digest per thread: looking one up per request costs more than hashing a webhook
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(DIGESTS.get().digest(bytes));
    }
}
