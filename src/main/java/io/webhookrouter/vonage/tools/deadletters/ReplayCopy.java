package io.webhookrouter.vonage.tools.deadletters;

import java.util.Collections;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.webhookrouter.vonage.broker.DuplicateRefusal;
import io.webhookrouter.vonage.ingest.EventProperties;

/**
 * The event as the webhook stored it, rebuilt from its dead letter: the same body, its own Vonage* properties and
 * message group, none of the dead-letter properties.
 */
final class ReplayCopy {

    static final String DUPLICATE_ID_PREFIX = "replay:";

    private ReplayCopy() {
    }

    static Message of(Message dead, Session session) throws JMSException {
        Message copy = body(dead, session);
        for (Object name : Collections.list(dead.getPropertyNames())) {
            String property = (String) name;
            if (DeadLetterProperties.isEventProperty(property)) {
                copy.setObjectProperty(property, dead.getObjectProperty(property));
            }
        }
        String group = dead.getStringProperty(EventProperties.GROUP_ID);
        if (group != null) {
            copy.setStringProperty(EventProperties.GROUP_ID, group);
        }
        // The webhook's own key (inbound:<uuid>, status:<uuid>:<status>) is already in the ingest queue's
        // duplicate cache, so the broker would drop the copy. A key of its own, derived from the dead letter,
        // makes the replay itself idempotent instead.
        copy.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, DUPLICATE_ID_PREFIX + dead.getJMSMessageID());
        return copy;
    }

    private static Message body(Message dead, Session session) throws JMSException {
        if (dead instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (dead instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage copy = session.createBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        throw new JMSException("not an event: a " + dead.getClass().getSimpleName() + ", neither text nor bytes");
    }
}
