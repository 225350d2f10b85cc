package io.webhookrouter.vonage.broker;

import java.time.Duration;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Builds the Artemis connection factory shared by the hand-off and the routes. */
public final class BrokerConnectionFactory {

    /** Fits an event of up to about 1.5 KB of JSON with its properties, the size most of Vonage's callbacks have. */
    static final int INITIAL_MESSAGE_BUFFER_BYTES = 4096;

    private BrokerConnectionFactory() {
    }

    /**
     * @param url         an Artemis URL (a single broker, an HA pair or a cluster list), or blank for the
     *                    embedded broker
     * @param sendTimeout how long a persistent send may wait for the broker's confirmation, including while
     *                    the client is failing over or reconnecting
     */
    public static ActiveMQConnectionFactory create(String url, String user, String password, Duration sendTimeout) {
        ActiveMQConnectionFactory factory = base(url, user, password);
        factory.setCallTimeout(sendTimeout.toMillis());
        // without this a send made while the client reconnects waits forever (the default is -1)
        factory.setCallFailoverTimeout(sendTimeout.toMillis());
        factory.setBlockOnDurableSend(true);
        // Spring's JmsTemplate (camel-jms) looks its destination up by name on every send; without this, each
        // lookup and each new producer asks the broker whether the queue exists: three blocking round trips per
        // send, nine per routed event. Cached, a session asks once per queue.
        factory.setCacheDestinations(true);
        // a message's buffer starts at this size and is copied into one twice as big each time it is outgrown: the
        // client's 1,500 bytes hold no event (its JSON is stored as UTF-16 text, with a dozen string properties)
        factory.setInitialMessagePacketSize(INITIAL_MESSAGE_BUFFER_BYTES);
        if (!isEmbedded(url) && !url.contains("reconnectAttempts")) {
            factory.setReconnectAttempts(-1);
        }
        return factory;
    }

    private static ActiveMQConnectionFactory base(String url, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(isEmbedded(url) ? EmbeddedBroker.IN_VM_URL : url);
        if (user != null && !user.isBlank()) {
            factory.setUser(user);
            factory.setPassword(password);
        }
        return factory;
    }

    private static boolean isEmbedded(String url) {
        return url == null || url.isBlank();
    }
}
