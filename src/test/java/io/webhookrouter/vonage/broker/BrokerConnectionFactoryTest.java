package io.webhookrouter.vonage.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.webhookrouter.vonage.event.ClassifiedEvent;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.ingest.EventProperties;
import io.webhookrouter.vonage.signature.VerifiedToken;
import io.webhookrouter.vonage.support.InVmBroker;

/** The connection factory the router's sends and routes share, on a real embedded broker. */
class BrokerConnectionFactoryTest {

    @TempDir
    Path dataDir;

    @Test
    void anEventOfAKilobyteAndAHalfWithItsPropertiesFitsTheFirstBufferOfItsMessage() throws Exception {
        EmbeddedBroker broker = InVmBroker.started(dataDir);
        ActiveMQConnectionFactory factory = InVmBroker.connections();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            TextMessage message = session.createTextMessage("{\"text\":\"" + "x".repeat(1_500) + "\"}");
            ClassifiedEvent event = new ClassifiedEvent(WebhookKind.STATUS, "whatsapp",
                    "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "undeliverable", null);
            for (var property : EventProperties.of(event, new VerifiedToken("abcd1234", "11111111-2222-4333-8444-555555555555"), Instant.now()).entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            message.setStringProperty(DuplicateRefusal.DUPLICATE_ID_PROPERTY, event.deduplicationKey());

            int encoded = ((ActiveMQMessage) message).getCoreMessage().getEncodeSize();

            assertThat(encoded).isLessThanOrEqualTo(factory.getInitialMessagePacketSize());
        } finally {
            broker.stop();
        }
    }
}
