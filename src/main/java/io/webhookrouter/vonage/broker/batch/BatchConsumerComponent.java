package io.webhookrouter.vonage.broker.batch;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code jms-batch:<queue>}: consumes a broker queue in transactions of many messages each, one commit (and one
 * journal sync) for a batch where Camel's JMS consumer makes one per message. The route's JMS sends join the
 * batch's transaction, so a batch is routed all or nothing. Options: {@code concurrentConsumers} (default 1),
 * {@code maxBatchSize} (default 256) and {@code lingerMillis} (default 10: how long a batch waits after its first
 * message for more).
 */
public final class BatchConsumerComponent extends DefaultComponent {

    public static final String SCHEME = "jms-batch";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        BatchConsumerEndpoint endpoint = new BatchConsumerEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
