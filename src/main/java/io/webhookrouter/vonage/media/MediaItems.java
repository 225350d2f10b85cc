package io.webhookrouter.vonage.media;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the media an inbound event links to: an {@code image}, {@code audio}, {@code video}, {@code file},
 * {@code sticker} or {@code vcard} object with a {@code url}, and the items of an MMS {@code content} array
 * (each with a {@code url} of its own, or one of those objects).
 */
public final class MediaItems {

    static final List<String> MEDIA_FIELDS = List.of("image", "audio", "video", "file", "sticker", "vcard");

    private MediaItems() {
    }

    public static List<MediaItem> in(JsonNode event) {
        List<MediaItem> items = new ArrayList<>();
        addMediaObjects(event, items);
        for (JsonNode content : event.path("content")) {
            if (!add(content, items)) {
                addMediaObjects(content, items);
            }
        }
        return items;
    }

    private static void addMediaObjects(JsonNode parent, List<MediaItem> items) {
        for (String field : MEDIA_FIELDS) {
            add(parent.path(field), items);
        }
    }

    /** Adds the node when it is an object with a textual url; says whether it did. */
    private static boolean add(JsonNode node, List<MediaItem> items) {
        JsonNode url = node.path("url");
        if (!node.isObject() || !url.isTextual() || url.asText().isBlank()) {
            return false;
        }
        JsonNode name = node.path("name");
        items.add(new MediaItem(items.size(), url.asText(), name.isTextual() ? name.asText() : null));
        return true;
    }
}
