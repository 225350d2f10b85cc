package io.webhookrouter.vonage.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The request bodies of the hostile-input corpus, by shape name. Every body that can carry one holds the case's
 * own {@code message_uuid}, so that a body the router wrongly routed can be found by it.
 */
public final class HostileBodies {

    /** The router's default body limit ({@code WEBHOOK_MAX_BODY_BYTES}). */
    public static final int BODY_LIMIT = 262_144;
    private static final int NESTING = 10_000;

    /** A body, and whether to send it chunked (no Content-Length) rather than with its length. */
    public record Body(byte[] bytes, boolean chunked) {
    }

    private static final Map<String, BiFunction<String, String, byte[]>> SHAPES = Map.ofEntries(
            Map.entry("event", HostileBodies::event),
            Map.entry("event-with-unknown-fields", (path, uuid) -> withLeadingField(path, uuid,
                    "\"x_future_field\":{\"list\":[1,\"two\",null],\"n\":1.5e300}")),
            Map.entry("event-padded-to-limit", (path, uuid) -> padded(event(path, uuid), BODY_LIMIT)),
            Map.entry("event-padded-over-limit", (path, uuid) -> padded(event(path, uuid), BODY_LIMIT + 1)),
            Map.entry("huge", (path, uuid) -> padded(event(path, uuid), 4 * BODY_LIMIT)),
            Map.entry("huge-chunked", (path, uuid) -> padded(event(path, uuid), 4 * BODY_LIMIT)),
            Map.entry("empty", (path, uuid) -> new byte[0]),
            Map.entry("not-json", (path, uuid) -> utf8("message_uuid=" + uuid + "&text=hello")),
            Map.entry("json-array", (path, uuid) -> concat(utf8("["), event(path, uuid), utf8("]"))),
            Map.entry("json-string", (path, uuid) -> utf8("\"" + uuid + "\"")),
            Map.entry("json-number", (path, uuid) -> utf8("1" + "0".repeat(400))),
            Map.entry("json-null", (path, uuid) -> utf8("null")),
            Map.entry("duplicate-keys", (path, uuid) -> withLeadingField(path, uuid, "\"channel\":\"whatsapp\"")),
            Map.entry("duplicate-message-uuid", (path, uuid) -> withLeadingField(path, uuid,
                    "\"message_uuid\":\"" + UUID.randomUUID() + "\"")),
            Map.entry("nested-arrays", (path, uuid) -> withLeadingField(path, uuid,
                    "\"deep\":" + "[".repeat(NESTING) + "]".repeat(NESTING))),
            Map.entry("nested-objects", (path, uuid) -> withLeadingField(path, uuid,
                    "\"deep\":" + "{\"a\":".repeat(NESTING) + "1" + "}".repeat(NESTING))),
            Map.entry("not-utf8", (path, uuid) -> notUtf8(event(path, uuid))),
            Map.entry("utf16", (path, uuid) -> new String(event(path, uuid), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_16)),
            Map.entry("utf8-bom", (path, uuid) -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    event(path, uuid))),
            Map.entry("nul-byte", (path, uuid) -> text(path, uuid).replace("\"to\"", "\"t\u0000o\"")
                    .getBytes(StandardCharsets.UTF_8)),
            Map.entry("trailing-garbage", (path, uuid) -> concat(event(path, uuid), utf8("x"))),
            Map.entry("two-objects", (path, uuid) -> concat(event(path, uuid), event(path, uuid))),
            Map.entry("comment", (path, uuid) -> concat(utf8("/* hi */"), event(path, uuid))),
            Map.entry("single-quoted", (path, uuid) -> utf8(text(path, uuid).replace('"', '\''))),
            Map.entry("missing-message-uuid", (path, uuid) -> utf8(text(path, uuid)
                    .replace("\"message_uuid\"", "\"message_uid\""))),
            Map.entry("message-uuid-number", (path, uuid) -> utf8(text(path, uuid)
                    .replace("\"message_uuid\":\"" + uuid + "\"", "\"message_uuid\":42,\"ref\":\"" + uuid + "\""))),
            Map.entry("other-webhook-event", (path, uuid) -> event(otherPath(path), uuid)));

    private HostileBodies() {
    }

    /** The body of a shape for a webhook path ({@code inbound} or {@code status}) and a case's uuid. */
    public static Body of(String shape, String path, String uuid) {
        BiFunction<String, String, byte[]> body = SHAPES.get(shape);
        if (body == null) {
            throw new IllegalArgumentException("unknown body shape " + shape + "; known: " + SHAPES.keySet());
        }
        return new Body(body.apply(path, uuid), shape.endsWith("-chunked"));
    }

    /** The valid event of the path: an SMS inbound message, or a delivered status. */
    public static byte[] event(String path, String uuid) {
        return utf8(text(path, uuid));
    }

    /** The routing key the valid event of the path is routed under (docs/routing.md), as {@link Destinations#key} reads it. */
    public static String eventKey(String path, String uuid) {
        return "inbound".equals(path) ? "inbound:" + uuid : "status:" + uuid + ":delivered";
    }

    private static String otherPath(String path) {
        return "inbound".equals(path) ? "status" : "inbound";
    }

    private static String text(String path, String uuid) {
        return Samples.withUuid("inbound".equals(path) ? "inbound-sms-text" : "status-delivered", uuid);
    }

    /** The event with one more field written first; the sample's own fields stay as they are. */
    private static byte[] withLeadingField(String path, String uuid, String field) {
        String json = text(path, uuid);
        int open = json.indexOf('{');
        return utf8(json.substring(0, open + 1) + field + "," + json.substring(open + 1));
    }

    /** Trailing spaces up to the size: still the same valid JSON. */
    private static byte[] padded(byte[] json, int size) {
        byte[] padded = Arrays.copyOf(json, size);
        Arrays.fill(padded, json.length, size, (byte) ' ');
        return padded;
    }

    /** A Latin-1 e-acute (a lone 0xE9) in the {@code to} value: invalid UTF-8 in otherwise valid JSON. */
    private static byte[] notUtf8(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf("\"to\":\"") + "\"to\":\"".length();
        return concat(utf8(text.substring(0, at)), new byte[] {(byte) 0xE9}, utf8(text.substring(at)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
