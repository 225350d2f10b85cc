package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;
import io.webhookrouter.vonage.support.Smtp;

/**
 * The default routing table of docs/routing.md, row by row, with the tests' copy of the route
 * files ({@link io.webhookrouter.vonage.support.RouterHome}), a real broker and SMTP.
 */
class DefaultRoutingIT extends RouterTestSupport {

    private static final long ROUTED_WITHIN_MILLIS = 10_000;
    private Smtp smtp;

    private synchronized Smtp smtp() {
        if (smtp == null) {
            smtp = new Smtp();
            smtp.start();
        }
        return smtp;
    }

    @Override
    protected Properties routerProperties() {
        Properties properties = smtp().alertSettings();
        return properties;
    }

    @AfterAll
    void stopSmtp() {
        smtp().close();
    }

    private Message routed(String queue, String uuid) throws Exception {
        Message message = broker().receive(queue, "VonageMessageUuid = '" + uuid + "'", ROUTED_WITHIN_MILLIS);
        assertThat(message).as("event %s in %s", uuid, queue).isNotNull();
        return message;
    }

    private void assertArchivedExactly(Message routed, String json) throws Exception {
        Path file = archiveFile(routed);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
        assertThat(Files.readAllBytes(file)).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"inbound-sms-text,sms", "inbound-mms-image,mms", "inbound-rcs-vcard,rcs",
            "inbound-whatsapp-text,whatsapp", "inbound-messenger-text,messenger", "inbound-viber-text,viber_service"})
    void routesInboundMessagesToTheQueueOfTheirChannelAndArchivesThem(String sample, String channel) throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid(sample, uuid);

        assertThat(postSigned("/webhooks/inbound", json).statusCode()).isEqualTo(200);

        TextMessage message = (TextMessage) routed("vonage.inbound." + channel, uuid);
        assertThat(message.getText()).isEqualTo(json);
        assertThat(message.getStringProperty("VonageEventType")).isEqualTo("inbound");
        assertThat(message.getStringProperty("VonageChannel")).isEqualTo(channel);
        assertThat(message.getStringProperty("VonageMessageType")).isNotBlank();
        assertThat(message.getStringProperty("VonageReceivedAt")).isNotBlank();
        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo(uuid);
        assertThat(message.getStringProperty("_AMQ_DUPL_ID")).isNull();
        assertArchivedExactly(message, json);
    }

    @Test
    void routesAnInboundMessageOfAnUnknownChannelToTheUnknownQueue() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("inbound-sms-text", uuid).replace("\"channel\":\"sms\"", "\"channel\":\"pigeon\"");

        assertThat(postSigned("/webhooks/inbound", json).statusCode()).isEqualTo(200);

        assertThat(((TextMessage) routed("vonage.inbound.unknown", uuid)).getText()).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"submitted", "delivered", "read", "rejected", "undeliverable"})
    void routesStatusesToTheQueueOfTheirStatusAndArchivesThem(String status) throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-" + status, uuid);

        assertThat(postSigned("/webhooks/status", json).statusCode()).isEqualTo(200);

        TextMessage message = (TextMessage) routed("vonage.status." + status, uuid);
        assertThat(message.getText()).isEqualTo(json);
        assertThat(message.getStringProperty("VonageStatus")).isEqualTo(status);
        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo(uuid);
        assertArchivedExactly(message, json);
    }

    @Test
    void anArchiveFileThereAlreadyIsReplacedWholeAndNoTemporaryFileIsLeft() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-delivered", uuid);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        Path directory = dataDir().resolve("archive").resolve("status").resolve(day);
        Files.createDirectories(directory);
        // a copy written by an earlier delivery of the batch, and the temporary file of one cut short by a crash
        String longer = "x".repeat(json.length() * 2);
        Path file = Files.writeString(directory.resolve(uuid + "-delivered.json"), longer);
        Path leftover = Files.writeString(directory.resolve(".writing-" + uuid + "-delivered.json"), longer);

        assertThat(postSigned("/webhooks/status", json).statusCode()).isEqualTo(200);

        assumeTrue(day.equals(LocalDate.now(ZoneOffset.UTC).toString()), "the day changed during the test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Arrays.equals(Files.readAllBytes(file), json.getBytes(StandardCharsets.UTF_8)));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void routesAnUnknownStatusToTheUnknownQueue() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-delivered", uuid).replace("\"delivered\"", "\"accepted\"");

        assertThat(postSigned("/webhooks/status", json).statusCode()).isEqualTo(200);

        assertThat(((TextMessage) routed("vonage.status.unknown", uuid)).getText()).isEqualTo(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rejected", "undeliverable"})
    void emailsAnAlertAPersonCanTriageForFailedDeliveries(String status) throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-" + status, uuid);

        assertThat(postSigned("/webhooks/status", json).statusCode()).isEqualTo(200);

        MimeMessage email = await().atMost(Duration.ofSeconds(15)).until(() -> alertFor(uuid), m -> m != null);
        String channel = json.replaceAll("(?s).*\"channel\":\"([a-z_]+)\".*", "$1");
        assertThat(email.getSubject()).contains(status).contains(channel).contains("447700900000").contains(uuid);
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
        String body = GreenMailUtil.getBody(email);
        assertThat(body).contains(json.strip()).contains("Detail:");
        assertThat(broker().browseUuid(VonageQueues.DEAD, uuid)).isEmpty();
    }

    @Test
    void sendsNoEmailForStatusesThatAreNotFailures() throws Exception {
        String uuid = UUID.randomUUID().toString();
        // this event's alerts only: the alerts of the rejected and undeliverable statuses other tests sent may
        // still be on their way. By the body, which holds the uuid before and after the route replaces the event
        // by the email (and its headers by the email's)
        NotifyBuilder alertsSent = new NotifyBuilder(context).fromRoute("deliver-alert-email")
                .filter(exchange -> String.valueOf(exchange.getMessage().getBody(String.class)).contains(uuid)).whenDone(1).create();

        postSigned("/webhooks/status", Samples.withUuid("status-delivered", uuid));
        routed("vonage.status.delivered", uuid);

        assertThat(alertsSent.matches(1, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        assertThat(alertFor(uuid)).isNull();
    }

    @Test
    void routesAnEventSentTwiceOnce() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("inbound-whatsapp-text", uuid);
        // a Java predicate: NotifyBuilder's filter().simple(...) matches no exchange here, not even the first
        NotifyBuilder routedOnce = new NotifyBuilder(context).fromRoute("vonage-routing")
                .filter(exchange -> uuid.equals(exchange.getMessage().getHeader("VonageMessageUuid"))).whenDone(1).create();
        NotifyBuilder routedTwice = new NotifyBuilder(context).fromRoute("vonage-routing")
                .filter(exchange -> uuid.equals(exchange.getMessage().getHeader("VonageMessageUuid"))).whenDone(2).create();

        assertThat(postSigned("/webhooks/inbound", json).statusCode()).isEqualTo(200);
        assertThat(postSigned("/webhooks/inbound", json).statusCode()).isEqualTo(200);

        routed("vonage.inbound.whatsapp", uuid);
        assertThat(routedOnce.matches(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first routing counted").isTrue();
        assertThat(routedTwice.matches(2, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
        assertThat(broker().browseUuid("vonage.inbound.whatsapp", uuid)).isEmpty();
    }

    private MimeMessage alertFor(String uuid) throws Exception {
        for (MimeMessage message : smtp().server().getReceivedMessages()) {
            if (message.getSubject().contains(uuid)) {
                return message;
            }
        }
        return null;
    }
}
