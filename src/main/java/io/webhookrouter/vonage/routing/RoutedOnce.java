package io.webhookrouter.vonage.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.listener.AbstractMessageListenerContainer;

import io.webhookrouter.vonage.broker.DuplicateRefusal;

/**
 * Routes each stored event once, even when two routers stored two copies of it at the same moment (the broker's
 * de-duplication cannot see a copy whose transaction is still in flight on another router).
 * <p>
 * Copies of one event share a message group, so one routing consumer routes them one after the other. Each routing
 * transaction sends a marker carrying the event's de-duplication key to {@code vonage.routed}; the broker refuses
 * the transaction of a second copy, as that key is stored already, and rolls it back. The consumer that saw the
 * refusal remembers the key, and when the broker hands the copy back, the route drops it ({@link #isRoutedCopy}):
 * acknowledged without being routed again. After a restart the memory is gone, and the broker's refusal teaches
 * it again: the broker's record, not this memory, is what keeps a copy from being routed twice.
 */
public final class RoutedOnce implements MessageListenerContainerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RoutedOnce.class);
    /** Enough for every copy refused but not yet handed back; the oldest are forgotten first. */
    private static final int REMEMBERED = 10_000;

    private final Set<String> refusedKeys = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /** True for a copy of an event that is routed already: the route acknowledges it and routes nothing. */
    public boolean isRoutedCopy(Exchange exchange) {
        String key = exchange.getIn().getHeader(DuplicateRefusal.DUPLICATE_ID_PROPERTY, String.class);
        if (key != null && refusedKeys.remove(key)) {
            LOG.info("A second copy of event {} was stored (two routers at once); it is routed already, dropping it",
                    key);
            return true;
        }
        return false;
    }

    @Override
    public AbstractMessageListenerContainer createMessageListenerContainer(JmsEndpoint endpoint) {
        return new DefaultJmsMessageListenerContainer(endpoint) {
            @Override
            protected void commitIfNecessary(Session session, Message message) throws JMSException {
                try {
                    super.commitIfNecessary(session, message);
                } catch (JMSException refused) {
                    if (message == null || !DuplicateRefusal.isCauseOf(refused)) {
                        throw refused;
                    }
                    // the broker rolled the transaction back and will hand the copy back: not a failure of the
                    // consumer (which would make Spring's container recover its connection)
                    refusedKeys.add(message.getStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY));
                }
            }
        };
    }
}
