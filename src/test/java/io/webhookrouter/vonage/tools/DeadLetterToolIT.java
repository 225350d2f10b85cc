package io.webhookrouter.vonage.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.BrokerProbe;
import io.webhookrouter.vonage.support.Samples;
import io.webhookrouter.vonage.support.StandaloneBroker;
import io.webhookrouter.vonage.support.ToolRun;

/**
 * The dead-letter tool against a real broker with nothing consuming vonage.ingest, so that what a replay sends
 * can be looked at as it was sent. The end-to-end story with the router is {@link DeadLetterReplayIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterToolIT {

    private StandaloneBroker standalone;
    private String brokerUrl;
    private Connection connection;
    private Session session;
    private BrokerProbe broker;

    @BeforeAll
    void startBroker() throws Exception {
        standalone = new StandaloneBroker();
        brokerUrl = standalone.url();
        connection = new ActiveMQConnectionFactory(brokerUrl).createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        broker = new BrokerProbe(brokerUrl);
    }

    @AfterEach
    void emptyTheQueues() throws Exception {
        for (String queue : List.of(VonageQueues.DEAD, VonageQueues.INVALID, VonageQueues.INGEST)) {
            broker.drain(queue);
        }
    }

    @AfterAll
    void stopBroker() throws Exception {
        broker.close();
        connection.close();
        standalone.close();
    }

    @Test
    void listShowsOneLinePerDeadLetterWithItsEventRouteAgeAndReason() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String id = deadLetter(uuid, Instant.now().minus(Duration.ofMinutes(90)), "line one\nline two");

        ToolRun run = deadLetters("list");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().filter(l -> l.startsWith(id)).findFirst()).get().asString()
                .contains("status", uuid + "/rejected", "deliver-alert-email", "1h30m", "line one line two");
        assertThat(run.out()).endsWith("1 message in vonage.dead\n");
    }

    @Test
    void listShowsInvalidEventsWithTheReasonTheyCouldNotBeParsed() throws Exception {
        BytesMessage invalid = session.createBytesMessage();
        invalid.writeBytes(new byte[] {'{', (byte) 0xff});
        invalid.setStringProperty("VonageEventType", "inbound");
        invalid.setStringProperty("VonageReceivedAt", Instant.now().toString());
        invalid.setStringProperty("VonageInvalidReason", "not valid UTF-8");
        send(VonageQueues.INVALID, invalid);

        ToolRun run = deadLetters("list", "--queue", VonageQueues.INVALID);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(invalid.getJMSMessageID(), "inbound", "not valid UTF-8", "1 message in vonage.invalid");
    }

    @Test
    void replaySendsTheEventAsStoredWithAFreshDuplicateIdAndWithoutTheDeadLetterProperties() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String id = deadLetter(uuid, Instant.now(), "MailConnectException: Couldn't connect to host");
        Message dead = broker.browse(VonageQueues.DEAD, null).get(0);

        ToolRun run = deadLetters("replay", id);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("replayed  " + id + "  status " + uuid + "/rejected -> vonage.ingest");
        assertThat(broker.browse(VonageQueues.DEAD, null)).isEmpty();
        List<Message> ingested = broker.browse(VonageQueues.INGEST, null);
        assertThat(ingested).hasSize(1);
        Message copy = ingested.get(0);
        assertThat(((TextMessage) copy).getText()).isEqualTo(((TextMessage) dead).getText());
        for (String property : List.of("VonageEventType", "VonageChannel", "VonageStatus", "VonageMessageUuid",
                "VonageReceivedAt", "VonageApiKey", "JMSXGroupID")) {
            assertThat(copy.getStringProperty(property)).as(property).isEqualTo(dead.getStringProperty(property));
        }
        assertThat(names(copy)).noneMatch(name -> name.startsWith("VonageDead"));
        assertThat(copy.getStringProperty("_AMQ_DUPL_ID")).isEqualTo("replay:" + id);
    }

    @Test
    void replayingTheSameMessageTwiceReplaysItOnce() throws Exception {
        String id = deadLetter(UUID.randomUUID().toString(), Instant.now(), "boom");

        assertThat(deadLetters("replay", id).exitCode()).isZero();
        ToolRun second = deadLetters("replay", id.substring("ID:".length()));

        assertThat(second.exitCode()).isEqualTo(OperatorTools.FAILED);
        assertThat(second.out()).contains("not found " + id, "replayed 0 of 1");
        assertThat(broker.browse(VonageQueues.INGEST, null)).hasSize(1);
    }

    @Test
    void replayAllMovesEveryDeadLetterOnce() throws Exception {
        List<String> uuids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        for (String uuid : uuids) {
            deadLetter(uuid, Instant.now(), "boom");
        }

        ToolRun run = deadLetters("replay", "--all");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("replayed 3 of 3");
        assertThat(broker.browse(VonageQueues.DEAD, null)).isEmpty();
        List<String> ingested = new ArrayList<>();
        for (Message message : broker.browse(VonageQueues.INGEST, null)) {
            ingested.add(message.getStringProperty("VonageMessageUuid"));
        }
        assertThat(ingested).containsExactlyInAnyOrderElementsOf(uuids);
        assertThat(deadLetters("replay", "--all").out()).contains("vonage.dead is empty: nothing to replay");
    }

    @Test
    void aReplayThatFailsLeavesTheDeadLetterWhereItWas() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String id = deadLetter(uuid, Instant.now(), "boom");
        // as if an earlier replay had reached vonage.ingest: the broker refuses the copy as a duplicate, and the
        // transaction that would have taken the dead letter with it is rolled back
        TextMessage earlier = session.createTextMessage("{}");
        earlier.setStringProperty("_AMQ_DUPL_ID", "replay:" + id);
        send(VonageQueues.INGEST, earlier);

        ToolRun run = deadLetters("replay", id);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(OperatorTools.FAILED);
        assertThat(run.out()).contains("FAILED    " + id, "it stays in vonage.dead");
        assertThat(broker.browse(VonageQueues.INGEST, null)).hasSize(1);
        assertThat(broker.browseUuid(VonageQueues.DEAD, uuid)).hasSize(1);
    }

    @Test
    void invalidEventsCannotBeReplayed() throws Exception {
        ToolRun run = deadLetters("replay", "--all", "--queue", VonageQueues.INVALID);

        assertThat(run.exitCode()).isEqualTo(OperatorTools.USAGE);
        assertThat(run.err()).contains("could not parse", "only listed");
    }

    @Test
    void anUnreachableBrokerIsAFailureNotAHang() throws Exception {
        ToolRun run = deadLetters("list", "--broker", "tcp://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(OperatorTools.FAILED);
        assertThat(run.err()).contains("tcp://127.0.0.1:1");
    }

    /** Puts a dead letter on vonage.dead as the dead-letter handler of delivery.camel.yaml does; returns its id. */
    private String deadLetter(String uuid, Instant receivedAt, String reason) throws Exception {
        TextMessage message = session.createTextMessage(Samples.withUuid("status-rejected", uuid));
        message.setStringProperty("VonageEventType", "status");
        message.setStringProperty("VonageChannel", "whatsapp");
        message.setStringProperty("VonageStatus", "rejected");
        message.setStringProperty("VonageMessageUuid", uuid);
        message.setStringProperty("VonageReceivedAt", receivedAt.toString());
        message.setStringProperty("VonageApiKey", "abc123");
        message.setStringProperty("JMSXGroupID", uuid);
        message.setStringProperty("VonageDeadReason", reason);
        message.setStringProperty("VonageDeadRoute", "deliver-alert-email");
        message.setStringProperty("VonageDeadAttempts", "6");
        message.setStringProperty("VonageDeadAt", Instant.now().toString());
        send(VonageQueues.DEAD, message);
        return message.getJMSMessageID();
    }

    private void send(String queue, Message message) throws Exception {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(message);
        }
    }

    private static List<String> names(Message message) throws Exception {
        List<String> names = new ArrayList<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            names.add((String) name);
        }
        return names;
    }

    private ToolRun deadLetters(String... args) {
        List<String> command = new ArrayList<>(List.of("dead-letters"));
        command.addAll(List.of(args));
        if (!command.contains("--broker")) {
            command.addAll(List.of("--broker", brokerUrl));
        }
        return ToolRun.inThisJvm(command);
    }

}
