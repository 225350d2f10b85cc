package io.webhookrouter.vonage.routing;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a failed-delivery status event into an email a person can triage from an inbox: the subject names the
 * status, channel, recipient and message; the body gives the error and the raw JSON.
 */
public final class AlertEmail {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String smtpHost;
    private final String to;
    private final String from;

    public AlertEmail(String smtpHost, String to, String from) {
        this.smtpHost = smtpHost;
        this.to = to;
        this.from = from;
    }

    /** Email is on when an SMTP server and a recipient are configured. */
    public boolean isEnabled() {
        return !smtpHost.isBlank() && !to.isBlank();
    }

    /** Replaces the message by the email: mail headers only, so no event header leaks into the MIME headers. */
    public void compose(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String json = message.getBody(String.class);
        JsonNode event = JSON.readTree(json);
        JsonNode error = event.path("error");
        String subject = String.format("[Vonage] %s %s message to %s (%s)",
                text(event, "status"), text(event, "channel"), text(event, "to"), text(event, "message_uuid"));
        String body = String.format("""
                A message sent through Vonage was not delivered.

                Status:     %s
                Channel:    %s
                To:         %s
                From:       %s
                Message id: %s
                Client ref: %s
                Time:       %s
                Error:      %s
                Detail:     %s
                Error type: %s

                The event as Vonage sent it:

                %s
                """,
                text(event, "status"), text(event, "channel"), text(event, "to"), text(event, "from"),
                text(event, "message_uuid"), text(event, "client_ref"), text(event, "timestamp"),
                text(error, "title"), text(error, "detail"), text(error, "type"), json);
        message.removeHeaders("*");
        message.setHeader("Subject", subject);
        message.setHeader("To", to);
        message.setHeader("From", from.isBlank() ? "vonage-webhook-router@localhost" : from);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        message.setBody(body);
    }

    // error.title is a number in some payloads and a string in others
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    public String smtpHost() {
        return smtpHost;
    }
}
