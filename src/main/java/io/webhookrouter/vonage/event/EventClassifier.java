package io.webhookrouter.vonage.event;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the few fields routing needs from a webhook body. Unknown fields are ignored (Vonage adds fields
 * over time); duplicate keys and trailing content are refused, so that every later reader of the stored
 * body sees the same event this classifier saw.
 */
public final class EventClassifier {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    /**
     * @param json the body, already decoded as strict UTF-8 ({@link StrictUtf8}), so that the text routed
     *             and the text classified are one and the same
     */
    public ClassifiedEvent classify(WebhookKind kind, String json) throws InvalidEvent {
        JsonNode root = parse(json);
        for (String field : kind.requiredFields()) {
            JsonNode value = root.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw new InvalidEvent("missing or empty required field '" + field + "'");
            }
        }
        return new ClassifiedEvent(kind,
                root.get("channel").asText(),
                root.get("message_uuid").asText(),
                kind == WebhookKind.STATUS ? root.get("status").asText() : null,
                kind == WebhookKind.INBOUND ? root.get("message_type").asText() : null);
    }

    private static JsonNode parse(String json) throws InvalidEvent {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidEvent("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEvent("body is not a JSON object");
        }
        return root;
    }
}
