package io.webhookrouter.vonage.tools.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import io.webhookrouter.vonage.ingest.EventProperties;

/** One parked message as one line: id, event, message_uuid/status, failed route, age and reason. */
final class DeadLetterLine {

    static final String FORMAT = "%-40s %-8s %-50s %-20s %7s  %s";
    static final String HEADER = String.format(FORMAT, "JMS MESSAGE ID", "EVENT", "MESSAGE_UUID/STATUS", "ROUTE",
            "AGE", "REASON");

    private DeadLetterLine() {
    }

    static String of(Message message, String queue, Instant now) throws JMSException {
        String uuid = message.getStringProperty(EventProperties.MESSAGE_UUID);
        String status = message.getStringProperty(EventProperties.STATUS);
        String event = uuid == null ? "-" : status == null ? uuid : uuid + "/" + status;
        return String.format(FORMAT,
                message.getJMSMessageID(),
                orDash(message.getStringProperty(EventProperties.EVENT_TYPE)),
                event,
                orDash(message.getStringProperty(DeadLetterProperties.ROUTE)),
                age(receivedAt(message), now),
                oneLine(orDash(message.getStringProperty(DeadLetterProperties.reasonProperty(queue)))));
    }

    /** When the router received the event; the time it was parked if that is not recorded. */
    private static Instant receivedAt(Message message) throws JMSException {
        String receivedAt = message.getStringProperty(EventProperties.RECEIVED_AT);
        try {
            return receivedAt != null ? Instant.parse(receivedAt) : Instant.ofEpochMilli(message.getJMSTimestamp());
        } catch (DateTimeParseException e) {
            return Instant.ofEpochMilli(message.getJMSTimestamp());
        }
    }

    static String age(Instant since, Instant now) {
        Duration age = Duration.between(since, now);
        if (age.isNegative()) {
            return "0s";
        }
        if (age.toDays() > 0) {
            return age.toDays() + "d" + String.format("%02dh", age.toHoursPart());
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h" + String.format("%02dm", age.toMinutesPart());
        }
        if (age.toMinutes() > 0) {
            return age.toMinutes() + "m" + String.format("%02ds", age.toSecondsPart());
        }
        return age.toSeconds() + "s";
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    /** An exception message can span lines; a listing must not. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
