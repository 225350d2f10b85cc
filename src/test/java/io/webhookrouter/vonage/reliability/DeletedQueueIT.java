package io.webhookrouter.vonage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.UUID;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/**
 * The routing stage's sessions remember the queues they have sent to, so that a send need not ask the broker first
 * whether its queue exists. A queue deleted by hand while the router runs must then not swallow the events routed
 * to it: the broker makes the queue again, and the event is in it.
 */
class DeletedQueueIT extends RouterTestSupport {

    private static final String QUEUE = "vonage.status.rejected";
    private static final long ROUTED_WITHIN_MILLIS = 10_000;

    @Test
    void anEventRoutedToAQueueDeletedUnderTheRouterIsInTheQueueMadeAgain() throws Exception {
        String first = UUID.randomUUID().toString();
        assertThat(postSigned("/webhooks/status", Samples.withUuid("status-rejected", first)).statusCode())
                .isEqualTo(200);
        assertThat(broker().receive(QUEUE, "VonageMessageUuid = '" + first + "'", ROUTED_WITHIN_MILLIS)).isNotNull();

        deleteQueue(QUEUE);
        String second = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-rejected", second);
        assertThat(postSigned("/webhooks/status", json).statusCode()).isEqualTo(200);

        Message kept = broker().receive(QUEUE, "VonageMessageUuid = '" + second + "'", ROUTED_WITHIN_MILLIS);
        assertThat(kept).as("event %s in %s, made again", second, QUEUE).isNotNull();
        assertThat(((TextMessage) kept).getText()).isEqualTo(json);
        assertThat(broker().browseUuid(VonageQueues.DEAD, second)).isEmpty();
    }

    /** As an operator would with the broker's own tools: the queue and what it holds are gone. */
    private static void deleteQueue(String queue) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(EmbeddedBroker.IN_VM_URL);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession()) {
            session.deleteQueue(SimpleString.of(queue));
        }
    }
}
