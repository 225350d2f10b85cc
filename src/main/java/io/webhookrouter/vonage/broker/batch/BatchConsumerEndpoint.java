package io.webhookrouter.vonage.broker.batch;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A queue consumed in batches by {@link BatchConsumer}; sending goes through the {@code jms:} component. */
public final class BatchConsumerEndpoint extends DefaultEndpoint {

    private final String queue;
    private final String markerAddress;
    private int concurrentConsumers = 1;
    private int maxBatchSize = 256;
    private long lingerMillis = 10;

    BatchConsumerEndpoint(String uri, BatchConsumerComponent component, String queue, String markerAddress) {
        super(uri, component);
        this.queue = queue;
        this.markerAddress = markerAddress;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        BatchConsumer consumer = new BatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(BatchConsumerComponent.SCHEME + " only consumes; send with jms:queue:"
                + queue);
    }

    public String getQueue() {
        return queue;
    }

    /** Where the consumer marks each message's de-duplication key as routed; null for none. */
    public String getMarkerAddress() {
        return markerAddress;
    }

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    /** How long a batch waits for more messages after its first one (0: it takes only those already waiting). */
    public long getLingerMillis() {
        return lingerMillis;
    }

    public void setLingerMillis(long lingerMillis) {
        this.lingerMillis = lingerMillis;
    }
}
