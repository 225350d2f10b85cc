package io.webhookrouter.vonage.bench;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.webhookrouter.vonage.event.ClassifiedEvent;
import io.webhookrouter.vonage.event.EventClassifier;
import io.webhookrouter.vonage.event.InvalidEvent;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.ingest.EventProperties;

/**
 * What the harness took from the broker: distinct events (message uuid + status; an event in several queues counts
 * once), messages per queue, and messages whose body is not the event their properties name. Shared by the
 * consumers of the destination queues while the load runs and the audit after it, from several threads.
 */
final class EventTally {

    /** The router's own reading of an event's JSON, so that a body is judged as the router would. */
    private static final EventClassifier CLASSIFIER = new EventClassifier();

    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> byQueue = new ConcurrentHashMap<>();
    private final AtomicLong damaged = new AtomicLong();

    /** An event taken from a counted queue. */
    void count(String queue, Message message) throws JMSException {
        events.add(message.getStringProperty(EventProperties.MESSAGE_UUID) + "/"
                + message.getStringProperty(EventProperties.STATUS));
        if (!carriesItsEvent(message)) {
            damaged.incrementAndGet();
        }
        taken(queue);
    }

    /** A message taken from a queue that is shown but not counted. */
    void taken(String queue) {
        byQueue.computeIfAbsent(queue, name -> new LongAdder()).increment();
    }

    long distinctEvents() {
        return events.size();
    }

    long damagedBodies() {
        return damaged.get();
    }

    Map<String, Long> messagesByQueue() {
        Map<String, Long> counts = new TreeMap<>();
        byQueue.forEach((queue, count) -> counts.put(queue, count.sum()));
        return counts;
    }

    /** A text message whose JSON is the event its properties name: its kind, message uuid and status. */
    static boolean carriesItsEvent(Message message) throws JMSException {
        WebhookKind kind = WebhookKind.ofEventType(message.getStringProperty(EventProperties.EVENT_TYPE)).orElse(null);
        if (kind == null || !(message instanceof TextMessage text) || text.getText() == null) {
            return false;
        }
        try {
            ClassifiedEvent event = CLASSIFIER.classify(kind, text.getText());
            return event.messageUuid().equals(message.getStringProperty(EventProperties.MESSAGE_UUID))
                    && Objects.equals(event.status(), message.getStringProperty(EventProperties.STATUS));
        } catch (InvalidEvent notTheEvent) {
            return false;
        }
    }
}
