package io.webhookrouter.vonage.tools.deadletters;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

/** Reads a parking queue without taking anything from it (a JMS queue browser). */
final class DeadLetterListing {

    private final Connection connection;

    DeadLetterListing(Connection connection) {
        this.connection = connection;
    }

    /** Prints one line per message; returns how many there were. */
    int print(String queue, PrintStream out) throws JMSException {
        Instant now = Instant.now();
        out.println(DeadLetterLine.HEADER);
        int count = 0;
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                out.println(DeadLetterLine.of((Message) messages.nextElement(), queue, now));
                count++;
            }
        }
        return count;
    }

    /** The JMS message ids of the messages in the queue now. */
    List<String> ids(String queue) throws JMSException {
        List<String> ids = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                ids.add(((Message) messages.nextElement()).getJMSMessageID());
            }
        }
        return ids;
    }
}
