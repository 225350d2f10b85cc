package io.webhookrouter.vonage.signature;

/** What a verified token says about the sender; both fields may be null. */
public record VerifiedToken(String apiKey, String applicationId) {

    public static final VerifiedToken UNVERIFIED = new VerifiedToken(null, null);
}
