package io.webhookrouter.vonage.broker.batch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * A batch's session as the route's sends see it: one producer per destination for the session's life.
 * <p>
 * Camel's JMS producer (Spring's {@code JmsTemplate}) creates a producer for each send and closes it after; with
 * Artemis each of those is a message to the broker and back, two more for every event on every {@code to:}. Spring's
 * {@code CachingConnectionFactory} caches producers the same way, for sessions it makes itself; the batch loop makes
 * its own. A template sets what it needs (delivery mode, priority, time to live) on each send, so a producer shared
 * by two sends to one destination behaves for each as its own would. Not thread-safe, like the session.
 */
final class ProducerCachingSession implements InvocationHandler {

    private final Session session;
    private final Map<Key, MessageProducer> producers = new HashMap<>();

    private ProducerCachingSession(Session session) {
        this.session = session;
    }

    static Session wrap(Session session) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                new ProducerCachingSession(session));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        // Spring finds the batch's session in its transaction's resources by equals: the proxy is itself
        if (method.getName().equals("equals") && args != null && args.length == 1) {
            return proxy == args[0];
        }
        if (method.getName().equals("hashCode") && args == null) {
            return System.identityHashCode(proxy);
        }
        if (method.getName().equals("createProducer") && args != null && args.length == 1 && args[0] != null) {
            return producerFor((Destination) args[0]);
        }
        if (method.getName().equals("close")) {
            producers.clear();
        }
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private MessageProducer producerFor(Destination destination) throws JMSException {
        Key key = new Key(destination.getClass(), destination);
        MessageProducer producer = producers.get(key);
        if (producer == null) {
            producer = KeptOpen.wrap(session.createProducer(destination));
            producers.put(key, producer);
        }
        return producer;
    }

    /** Artemis's destinations are equal by address alone: a queue and a topic of one name need a producer each. */
    private record Key(Class<?> type, Destination destination) {
    }

    /** A cached producer: the template's close after its send leaves it open; the session's close closes it. */
    private record KeptOpen(MessageProducer producer) implements InvocationHandler {

        static MessageProducer wrap(MessageProducer producer) {
            return (MessageProducer) Proxy.newProxyInstance(MessageProducer.class.getClassLoader(),
                    new Class<?>[] {MessageProducer.class}, new KeptOpen(producer));
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                return null;
            }
            try {
                return method.invoke(producer, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
