package io.webhookrouter.vonage.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One signature secret, checking HS256 signatures in constant time. Each thread keeps a {@link Mac} initialised
 * with the key: making one per request (as the JWT library does) costs more than the HMAC itself.
 */
final class HmacSha256Key {

    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> macs;

    HmacSha256Key(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
            }
        });
    }

    /** True when {@code signature} is this key's MAC of {@code signingInput} (the token's header.payload). */
    boolean signed(byte[] signingInput, byte[] signature) {
        return MessageDigest.isEqual(macs.get().doFinal(signingInput), signature);
    }
}
