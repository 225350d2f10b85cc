package io.webhookrouter.vonage.tools.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.webhookrouter.vonage.tools.UsageError;

/** Inbound Message bodies as Vonage sends them, per channel and message type (modelled on the payloads in Vonage's Messages API reference). */
final class InboundPayloads {

    /** The message types each channel delivers to an inbound webhook. */
    static final Map<String, List<String>> MESSAGE_TYPES = messageTypes();

    private static Map<String, List<String>> messageTypes() {
        Map<String, List<String>> types = new LinkedHashMap<>();
        types.put("sms", List.of("text"));
        types.put("mms", List.of("text", "image", "audio", "video", "vcard", "file"));
        types.put("rcs", List.of("text", "image", "video", "file", "location", "vcard", "reply", "button"));
        types.put("whatsapp", List.of("text", "image", "audio", "video", "file", "sticker", "location", "reply",
                "button", "order", "reaction", "contact", "unsupported"));
        types.put("messenger", List.of("text", "image", "audio", "video", "file", "unsupported"));
        types.put("viber_service", List.of("text", "image", "video", "file"));
        return types;
    }

    private InboundPayloads() {
    }

    /** @param mediaUrl where the media of an image, file, ... event points; null: a Vonage-like URL */
    static ObjectNode build(String channel, String messageType, String messageUuid, Instant timestamp, String mediaUrl)
            throws UsageError {
        List<String> allowed = MESSAGE_TYPES.get(channel);
        if (!allowed.contains(messageType)) {
            throw new UsageError(channel + " does not deliver message_type " + messageType + "; it delivers " + allowed);
        }
        Parties parties = Parties.on(channel);
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("channel", channel)
                .put("message_uuid", messageUuid)
                .put("to", parties.ours())
                .put("from", parties.theirs())
                .put("timestamp", timestamp.toString());
        if (channel.equals("whatsapp")) {
            event.putObject("profile").put("name", "Jane Smith");
        }
        event.put("message_type", messageType);
        content(event, messageType, mediaUrl);
        channelDetails(event, channel);
        return event;
    }

    private static void content(ObjectNode event, String messageType, String mediaUrl) {
        switch (messageType) {
            case "text" -> event.put("text", "Hi there, is my order on its way? ça va ✓");
            case "image" -> media(event, "image", mediaUrl).put("caption", "receipt");
            case "audio", "video", "sticker" -> media(event, messageType, mediaUrl);
            case "file" -> media(event, "file", mediaUrl).put("name", "invoice.pdf");
            case "vcard" -> media(event, "vcard", mediaUrl).put("name", "contact.vcf");
            case "location" -> event.putObject("location")
                    .put("lat", 51.5072).put("long", -0.1276).put("name", "Office").put("address", "1 Example St, London");
            case "reply" -> {
                event.putObject("reply").put("id", "slot-9am").put("title", "9am").put("description", "Book the 9am slot");
                context(event);
            }
            case "button" -> {
                event.putObject("button").put("payload", "track-order").put("text", "Track my order");
                context(event);
            }
            case "order" -> {
                ObjectNode order = event.putObject("order").put("catalog_id", "1267260820787549");
                order.putArray("product_items").addObject()
                        .put("product_retailer_id", "sku-17").put("quantity", "2")
                        .put("item_price", "12.50").put("currency", "EUR");
            }
            case "reaction" -> {
                event.putObject("reaction").put("action", "react").put("emoji", "👍");
                context(event);
            }
            case "contact" -> event.putObject("contact").put("name", "John Smith").put("phone_number", "447700900002");
            default -> {
                // "unsupported": Vonage says only that something arrived it cannot represent
            }
        }
    }

    private static ObjectNode media(ObjectNode event, String field, String mediaUrl) {
        return event.putObject(field)
                .put("url", mediaUrl != null ? mediaUrl : "https://api-eu.nexmo.com/v3/media/" + UUID.randomUUID());
    }

    /** The message of ours that the user answered. */
    private static void context(ObjectNode event) {
        event.putObject("context")
                .put("message_uuid", UUID.randomUUID().toString())
                .put("message_from", event.get("to").asText());
    }

    private static void channelDetails(ObjectNode event, String channel) {
        switch (channel) {
            case "sms" -> {
                event.putObject("sms").put("num_messages", "1").put("keyword", "HI");
                event.putObject("usage").put("currency", "EUR").put("price", "0.0057");
                event.putObject("origin").put("network_code", "23410");
            }
            case "mms" -> event.putObject("origin").put("network_code", "23410");
            case "whatsapp" -> event.put("context_status", event.has("context") ? "available" : "none");
            default -> {
                // rcs, messenger and viber_service add nothing of their own
            }
        }
    }
}
