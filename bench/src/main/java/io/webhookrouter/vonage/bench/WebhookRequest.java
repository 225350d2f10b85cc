package io.webhookrouter.vonage.bench;

/** One ready-to-send signed webhook: the path, the exact body and the Authorization header that signs it. */
public record WebhookRequest(String path, byte[] body, String authorization) {
}
