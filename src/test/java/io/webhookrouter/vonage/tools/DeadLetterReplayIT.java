package io.webhookrouter.vonage.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.BrokerProbe;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Smtp;
import io.webhookrouter.vonage.support.ToolProcess;

/**
 * The whole story of a dead letter with the packaged jar: an alert email fails until the retry policy gives up,
 * the event lands in vonage.dead, the operator lists it, brings SMTP back and replays it (twice, by mistake), and
 * the event is delivered exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterReplayIT {

    private final Smtp smtp = new Smtp();
    private RouterProcess router;
    private BrokerProbe broker;

    @BeforeAll
    void startRouterWithSmtpDown() throws Exception {
        router = new RouterProcess(Files.createTempDirectory("dead-letter-replay-it"), "dead-letter-replay-it")
                .with("SMTP_HOST", "127.0.0.1")
                .with("SMTP_PORT", String.valueOf(smtp.port()))
                .with("ALERT_EMAIL_TO", "ops@example.com")
                // 200 ms doubling to 400 ms, for 2 s: a dead letter within seconds
                .with("DELIVERY_INITIAL_DELAY_MILLIS", "200")
                .with("DELIVERY_MAX_DELAY_MILLIS", "400")
                .with("DELIVERY_RETRY_FOR_SECONDS", "2")
                .start();
        broker = new BrokerProbe(router.brokerUrl());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (router != null) {
            router.close();
        }
        smtp.close();
    }

    private ToolProcess.Result tool(String... args) throws Exception {
        return ToolProcess.run(Map.of(
                "VONAGE_SIGNATURE_SECRET", RouterTestSupport.SECRET,
                "EMBEDDED_BROKER_PORT", router.brokerUrl().substring(router.brokerUrl().lastIndexOf(':') + 1)), args);
    }

    @Test
    void aReplayedDeadLetterIsDeliveredExactlyOnceEvenWhenReplayedTwice() throws Exception {
        ToolProcess.Result sent = tool("simulate", "status", "--channel", "whatsapp", "--status", "rejected",
                "--url", router.webhook("status").resolve("/").toString());
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
        String uuid = sent.messageUuids().get(0);
        String selector = "VonageMessageUuid = '" + uuid + "'";
        // the first routing: its queue copy is consumed here, so anything later on the queue is the replay's
        assertThat(broker.receive("vonage.status.rejected", selector, 10_000)).isNotNull();

        Message dead = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> broker.browse(VonageQueues.DEAD, selector), found -> found.size() == 1).get(0);
        assertThat(dead.getStringProperty("VonageDeadRoute")).isEqualTo("deliver-alert-email");
        String deadId = dead.getJMSMessageID();

        ToolProcess.Result listed = tool("dead-letters", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.output().lines().filter(line -> line.startsWith(deadId)).findFirst()).get().asString()
                .contains("status", uuid + "/rejected", "deliver-alert-email", "MailConnectException");
        assertThat(listed.output()).contains("1 message in vonage.dead");

        smtp.start();
        ToolProcess.Result replayed = tool("dead-letters", "replay", deadId);
        assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
        assertThat(replayed.output()).contains("replayed 1 of 1");
        ToolProcess.Result again = tool("dead-letters", "replay", deadId);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.output()).contains("not found " + deadId);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> smtp.server().getReceivedMessages().length > 0);
        Message rerouted = broker.receive("vonage.status.rejected", selector, 10_000);
        assertThat(rerouted).isNotNull();
        assertThat(((TextMessage) rerouted).getText()).isEqualTo(((TextMessage) dead).getText());
        assertThat(rerouted.getStringProperty("VonageReceivedAt")).isEqualTo(dead.getStringProperty("VonageReceivedAt"));
        assertThat(rerouted.getStringProperty("JMSXGroupID")).isEqualTo(uuid);
        assertThat(Collections.list(rerouted.getPropertyNames())).noneMatch(name -> name.toString().startsWith("VonageDead"));

        // a second delivery has every chance to show up: the count must stay at one for a while
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> smtp.server().getReceivedMessages().length == 1);
        assertThat(smtp.server().getReceivedMessages()[0].getSubject()).contains(uuid);
        assertThat(broker.receive("vonage.status.rejected", selector, 500)).isNull();
        assertThat(broker.browse(VonageQueues.DEAD, null)).isEmpty();
        assertThat(broker.browse(VonageQueues.INGEST, null)).isEmpty();
        Path archived = router.dataDir().resolve("archive").resolve("status")
                .resolve(dead.getStringProperty("VonageReceivedAt").substring(0, 10))
                .resolve(uuid + "-rejected.json");
        assertThat(archived).usingCharset(java.nio.charset.StandardCharsets.UTF_8).hasContent(((TextMessage) dead).getText());
    }
}
