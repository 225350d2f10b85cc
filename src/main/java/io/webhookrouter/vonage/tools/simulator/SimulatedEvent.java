package io.webhookrouter.vonage.tools.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.tools.UsageError;

/** One webhook body to send: the exact bytes, and the message_uuid and a description to print. */
record SimulatedEvent(WebhookKind kind, byte[] body, String messageUuid, String description) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A new event: fresh message_uuid, timestamp now; an inbound one's media at {@code mediaUrl} when not null. */
    static SimulatedEvent generate(WebhookKind kind, String channel, String statusOrMessageType, String mediaUrl)
            throws UsageError {
        String uuid = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode json = kind == WebhookKind.INBOUND
                ? InboundPayloads.build(channel, statusOrMessageType, uuid, now, mediaUrl)
                : StatusPayloads.build(channel, statusOrMessageType, uuid, now);
        String description = kind == WebhookKind.INBOUND
                ? "inbound " + statusOrMessageType + " on " + channel
                : "status " + statusOrMessageType + " on " + channel;
        try {
            return new SimulatedEvent(kind, JSON.writeValueAsBytes(json), uuid, description);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a generated event must serialise", e);
        }
    }

    /** A file's bytes exactly as they are: the router must see what the file holds, byte for byte. */
    static SimulatedEvent fromFile(WebhookKind kind, Path file) throws UsageError {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
        return new SimulatedEvent(kind, body, messageUuidIn(body), kind.eventType() + " from " + file);
    }

    private static String messageUuidIn(byte[] body) {
        try {
            JsonNode uuid = JSON.readTree(body).get("message_uuid");
            return uuid == null ? "(none in the file)" : uuid.asText();
        } catch (IOException | RuntimeException notJson) {
            return "(the file is not JSON)";
        }
    }
}
