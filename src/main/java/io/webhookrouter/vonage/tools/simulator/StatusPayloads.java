package io.webhookrouter.vonage.tools.simulator;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.webhookrouter.vonage.tools.UsageError;

/** Message Status bodies as Vonage sends them, per channel and status (modelled on the payloads in Vonage's Messages API reference). */
final class StatusPayloads {

    /** Read receipts exist only where the channel reports them. */
    static final List<String> CHANNELS_WITH_READ = List.of("rcs", "whatsapp", "messenger", "viber_service");

    private StatusPayloads() {
    }

    static ObjectNode build(String channel, String status, String messageUuid, Instant timestamp) throws UsageError {
        if (status.equals("read") && !CHANNELS_WITH_READ.contains(channel)) {
            throw new UsageError(channel + " has no read receipts; read comes from " + CHANNELS_WITH_READ);
        }
        Parties parties = Parties.on(channel);
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("message_uuid", messageUuid)
                .put("to", parties.theirs())
                .put("from", parties.ours())
                .put("timestamp", timestamp.toString())
                .put("status", status)
                .put("channel", channel)
                .put("client_ref", "simulated");
        switch (status) {
            // the error title is a number in some of Vonage's payloads and a string in others (docs/operating.md,
            // *What is stored*; Vonage's Messages API)
            case "rejected" -> error(event, 1260, "Destination unreachable").put("title", 1260);
            case "undeliverable" -> error(event, 1230, "Network error").put("title", "1230");
            default -> channelDetails(event, channel, status);
        }
        return event;
    }

    private static ObjectNode error(ObjectNode event, int code, String detail) {
        return event.putObject("error")
                .put("type", "https://developer.vonage.com/api-errors/messages#" + code)
                .put("detail", detail)
                .put("instance", UUID.randomUUID().toString().replace("-", ""));
    }

    private static void channelDetails(ObjectNode event, String channel, String status) {
        switch (channel) {
            case "sms", "mms" -> {
                event.putObject("usage").put("currency", "EUR").put("price", "0.0333");
                if (status.equals("delivered")) {
                    event.putObject("destination").put("network_code", "23410");
                }
                if (channel.equals("sms")) {
                    event.putObject("sms").put("count_total", "1");
                }
            }
            case "whatsapp" -> {
                event.putObject("profile").put("name", "Jane Smith");
                event.putObject("whatsapp").putObject("recipient").put("wa_id", event.get("to").asText());
            }
            default -> {
                // rcs, messenger and viber_service statuses carry only the common fields
            }
        }
    }
}
