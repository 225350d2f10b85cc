package io.webhookrouter.vonage.broker.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code jms-batch:<queue>}: consumes a broker queue in transactions of many messages each, one commit (and one
 * journal sync) for a batch where Camel's JMS consumer makes one per message. The route's JMS sends join the
 * batch's transaction, so a batch is routed all or nothing. Options: {@code concurrentConsumers} (default 1),
 * {@code maxBatchSize} (default 256) and {@code lingerMillis} (default 10: how long a batch waits after its first
 * message for more). A queue given a marker address ({@link #markRoutedOn}) has each message's de-duplication key
 * marked there in the message's routing transaction (see BatchLoop).
 */
public final class BatchConsumerComponent extends DefaultComponent {

    public static final String SCHEME = "jms-batch";

    private final Map<String, String> markerAddresses = new ConcurrentHashMap<>();

    /**
     * Marks every message routed from {@code queue} on {@code markerAddress} (an address without queues whose
     * duplicate detection remembers the keys); for the endpoints made after this call.
     */
    public BatchConsumerComponent markRoutedOn(String queue, String markerAddress) {
        markerAddresses.put(queue, markerAddress);
        return this;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        BatchConsumerEndpoint endpoint = new BatchConsumerEndpoint(uri, this, remaining, markerAddresses.get(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
