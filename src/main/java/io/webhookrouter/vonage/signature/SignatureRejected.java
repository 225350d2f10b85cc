package io.webhookrouter.vonage.signature;

/**
 * A webhook whose signature did not verify. The reason is for logs and metrics; it never carries the token.
 */
public final class SignatureRejected extends Exception {

    public enum Reason {
        /** No Authorization header: Vonage may send unsigned callbacks after an internal error and re-sign on retry. */
        MISSING_TOKEN,
        NOT_BEARER,
        SEVERAL_TOKENS,
        MALFORMED_TOKEN,
        ALGORITHM_NOT_ALLOWED,
        BAD_SIGNATURE,
        WRONG_ISSUER,
        PAYLOAD_HASH_MISSING,
        PAYLOAD_HASH_MISMATCH,
        API_KEY_MISMATCH,
        APPLICATION_ID_MISMATCH,
        ISSUED_AT_MISSING,
        ISSUED_IN_FUTURE,
        TOO_OLD
    }

    private final Reason reason;

    public SignatureRejected(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
