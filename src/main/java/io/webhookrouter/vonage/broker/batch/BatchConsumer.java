package io.webhookrouter.vonage.broker.batch;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.ConnectionFactory;

import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsConfiguration;
import org.apache.camel.support.DefaultConsumer;

/** The consumer of a {@code jms-batch:} endpoint: {@code concurrentConsumers} threads, each a {@link BatchLoop}. */
final class BatchConsumer extends DefaultConsumer {

    /** How long a stopping loop may take to finish its batch. */
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final List<BatchLoop> loops = new ArrayList<>();

    BatchConsumer(BatchConsumerEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public BatchConsumerEndpoint getEndpoint() {
        return (BatchConsumerEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the connection factory of the jms: component, so that the route's sends find this batch's session
        JmsConfiguration jms = getEndpoint().getCamelContext().getComponent("jms", JmsComponent.class).getConfiguration();
        ConnectionFactory consuming = jms.getOrCreateConnectionFactory();
        ConnectionFactory sending = jms.getOrCreateTemplateConnectionFactory();
        BatchConsumerEndpoint endpoint = getEndpoint();
        for (int i = 1; i <= endpoint.getConcurrentConsumers(); i++) {
            BatchLoop loop = new BatchLoop(this, consuming, sending, endpoint.getQueue(),
                    endpoint.getMarkerAddress(), endpoint.getMaxBatchSize(),
                    endpoint.getLingerMillis(),
                    BatchConsumerComponent.SCHEME + "-" + endpoint.getQueue() + "-" + i);
            loops.add(loop);
            loop.start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        loops.forEach(BatchLoop::stopAfterBatch);
        for (BatchLoop loop : loops) {
            loop.awaitStopped(STOP_WAIT_MILLIS);
        }
        loops.clear();
        super.doStop();
    }
}
