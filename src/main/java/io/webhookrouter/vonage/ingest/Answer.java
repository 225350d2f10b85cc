package io.webhookrouter.vonage.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Every answer a webhook endpoint gives (docs/operating.md, *Status codes*). Errors carry an {@code application/problem+json} body with a
 * short, generic title: the reason goes to the log, never to the caller.
 */
public enum Answer {

    ACCEPTED(200, null),
    UNAUTHORIZED(401, "Unauthorized"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    /** Unsigned while verification is on: Vonage retries, and signs the retry. */
    UNSIGNED(503, "Service Unavailable"),
    /** The broker did not confirm the send in time, or the routes are not running: Vonage retries. */
    UNAVAILABLE(503, "Service Unavailable"),
    /** Too many webhooks in flight: Vonage retries. */
    OVERLOADED(503, "Service Unavailable");

    public static final String PROBLEM_JSON = "application/problem+json";

    private final int status;
    private final byte[] body;

    Answer(int status, String title) {
        this.status = status;
        this.body = title == null
                ? new byte[0]
                : ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}")
                        .getBytes(StandardCharsets.UTF_8);
    }

    public int status() {
        return status;
    }

    /** The problem document, empty for a 200. */
    public byte[] body() {
        return body;
    }
}
