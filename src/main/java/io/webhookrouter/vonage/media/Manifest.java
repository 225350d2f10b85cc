package io.webhookrouter.vonage.media;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code manifest.json}: what was stored for one event, and the body of its vonage.media message. A consumer
 * joins it to the event by {@code message_uuid} and checks each file against its {@code sha256}.
 */
final class Manifest {

    static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifest() {
    }

    static byte[] json(String messageUuid, String channel, String receivedAt, String directory, List<StoredItem> items) {
        ObjectNode manifest = JSON.createObjectNode()
                .put("message_uuid", messageUuid)
                .put("channel", channel)
                .put("received_at", receivedAt)
                .put("directory", directory);
        ArrayNode list = manifest.putArray("items");
        for (StoredItem item : items) {
            list.addObject()
                    .put("url", item.url())
                    .put("file", item.file())
                    .put("content_type", item.contentType())
                    .put("size", item.size())
                    .put("sha256", item.sha256());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest must serialise", e);
        }
    }
}
