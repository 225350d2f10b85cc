package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;
import io.webhookrouter.vonage.support.Smtp;

/**
 * Destinations that fail: retried with back-off, without slowing the webhooks or holding up the other
 * destinations, and dead-lettered with a reason once the policy gives up. The policy is shortened to seconds.
 */
class DestinationOutageIT extends RouterTestSupport {

    // 200 ms doubling to 800 ms, for 5 s: 7 attempts over about 4 s
    private static final Duration GIVE_UP_WITHIN = Duration.ofSeconds(20);
    private Smtp smtp;
    private final int closedSmtpPort = new Smtp().port();

    private synchronized Smtp smtp() {
        if (smtp == null) {
            smtp = new Smtp();
        }
        return smtp;
    }

    @Override
    protected Properties routerProperties() {
        Properties properties = smtp().alertSettings();
        properties.put("delivery.initial-delay-millis", "200");
        properties.put("delivery.max-delay-millis", "800");
        properties.put("delivery.retry-for-seconds", "5");
        return properties;
    }

    @AfterAll
    void stopSmtp() {
        smtp().close();
    }

    private HttpResponse<String> postQuickly(String path, String json) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = postSigned(path, json);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answer time").isLessThan(Duration.ofSeconds(1));
        return response;
    }

    /** Puts a file where the archive's directory for this event type must go: unwritable, even by root. */
    private Path blockArchive(String eventType) throws Exception {
        Path archive = Files.createDirectories(dataDir().resolve("archive"));
        return Files.writeString(archive.resolve(eventType), "not a directory");
    }

    private Message awaitDeadLetter(String uuid) {
        return await().atMost(GIVE_UP_WITHIN)
                .until(() -> broker().receive(VonageQueues.DEAD, "VonageMessageUuid = '" + uuid + "'", 500),
                        m -> m != null);
    }

    @Test
    void deliversTheAlertOnceSmtpComesBackAndDeadLettersNothing() throws Exception {
        String uuid = UUID.randomUUID().toString();
        assertThat(postQuickly("/webhooks/status", Samples.withUuid("status-rejected", uuid)).statusCode())
                .isEqualTo(200);
        // the queue destination does not wait for the email
        assertThat(broker().receive("vonage.status.rejected", "VonageMessageUuid = '" + uuid + "'", 5000)).isNotNull();

        Thread.sleep(1200);
        smtp().start();

        await().atMost(GIVE_UP_WITHIN).until(() -> smtp().server().getReceivedMessages().length > 0);
        assertThat(smtp().server().getReceivedMessages()[0].getSubject()).contains(uuid);
        assertThat(broker().browseUuid(VonageQueues.DEAD, uuid)).isEmpty();
    }

    @Test
    void deadLettersTheArchiveCopyWithItsReasonWhenTheArchiveStaysUnwritable() throws Exception {
        Path blocker = blockArchive("inbound");
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("inbound-sms-text", uuid);

        assertThat(postQuickly("/webhooks/inbound", json).statusCode()).isEqualTo(200);
        assertThat(broker().receive("vonage.inbound.sms", "VonageMessageUuid = '" + uuid + "'", 5000)).isNotNull();

        Message dead = awaitDeadLetter(uuid);
        assertThat(((TextMessage) dead).getText()).isEqualTo(json);
        assertThat(dead.getStringProperty("VonageDeadRoute")).isEqualTo("deliver-archive");
        assertThat(dead.getStringProperty("VonageDeadReason")).isNotBlank();
        assertThat(dead.getStringProperty("VonageChannel")).isEqualTo("sms");
        assertThat(dead.getStringProperty("JMSXGroupID")).isEqualTo(uuid);
        assertThat(dead.getStringProperty("VonageDeadAttempts"))
                .isEqualTo(String.valueOf(context.getRegistry().lookupByNameAndType("deliveryPolicy",
                        DeliveryPolicy.class).maxAttempts()));
        Files.delete(blocker);
    }

    @Test
    void writesTheArchiveOnceTheDirectoryIsWritableAgain() throws Exception {
        Path blocker = blockArchive("status");
        String uuid = UUID.randomUUID().toString();

        assertThat(postQuickly("/webhooks/status", Samples.withUuid("status-read", uuid)).statusCode()).isEqualTo(200);
        Message routed = broker().receive("vonage.status.read", "VonageMessageUuid = '" + uuid + "'", 5000);
        Thread.sleep(700);
        Files.delete(blocker);

        Path file = archiveFile(routed);
        await().atMost(GIVE_UP_WITHIN).until(() -> Files.exists(file));
        assertThat(broker().browseUuid(VonageQueues.DEAD, uuid)).isEmpty();
    }

    @Test
    void deadLettersTheAlertWhenSmtpNeverAnswers() throws Exception {
        // this test's events go to a port where nothing listens, whatever the other tests do with GreenMail
        context.getPropertiesComponent().addOverrideProperty("smtp.port", String.valueOf(closedSmtpPort));
        context.getRouteController().reloadAllRoutes();
        try {
            String uuid = UUID.randomUUID().toString();
            assertThat(postQuickly("/webhooks/status", Samples.withUuid("status-undeliverable", uuid)).statusCode())
                    .isEqualTo(200);

            Message dead = awaitDeadLetter(uuid);
            assertThat(dead.getStringProperty("VonageDeadRoute")).isEqualTo("deliver-alert-email");
            assertThat(dead.getStringProperty("VonageDeadReason")).containsIgnoringCase("connect");
            assertThat(dead.getStringProperty("VonageStatus")).isEqualTo("undeliverable");
        } finally {
            context.getPropertiesComponent().addOverrideProperty("smtp.port", String.valueOf(smtp().port()));
            context.getRouteController().reloadAllRoutes();
        }
    }
}
