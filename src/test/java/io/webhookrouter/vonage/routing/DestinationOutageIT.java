package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
    private static final long ROUTED_WITHIN_MILLIS = 10_000;
    private Smtp smtp;
    private final int closedSmtpPort = new Smtp().port();
    private final List<Path> blockers = new ArrayList<>();

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

    /**
     * Posts the event and checks that the answer did not wait for the failing destinations. A request that
     * the router parks first takes the costs of a first request (a new connection, code run for the first time)
     * out of the measured one; it goes to no destination.
     */
    private HttpResponse<String> postQuickly(String path, String json) throws Exception {
        assertThat(postSigned(path, "warm-up, not an event " + UUID.randomUUID()).statusCode()).isEqualTo(200);
        long started = System.nanoTime();
        HttpResponse<String> response = postSigned(path, json);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answer time").isLessThan(Duration.ofSeconds(1));
        return response;
    }

    /** Puts a file where the archive's directory for this event type must go: unwritable, even by root. */
    private Path blockArchive(String eventType) throws Exception {
        Path archive = Files.createDirectories(dataDir().resolve("archive"));
        Path blocker = Files.writeString(archive.resolve(eventType), "not a directory");
        blockers.add(blocker);
        return blocker;
    }

    /** A test that failed before it unblocked the archive must not make the next ones fail too. */
    @AfterEach
    void unblockArchive() throws Exception {
        for (Path blocker : blockers) {
            // once unblocked, the archive's own directory may be there
            if (Files.isRegularFile(blocker)) {
                Files.delete(blocker);
            }
        }
        blockers.clear();
    }

    /**
     * Counts, from now on, the failed attempts of a delivery route for one event. By its body, which holds the
     * uuid before and after the alert route replaces the event by the email (and its headers by the email's).
     * A Java predicate: NotifyBuilder's {@code filter().simple(...)} matches no exchange here.
     */
    private NotifyBuilder failedAttempt(String route, String uuid) {
        return new NotifyBuilder(context).fromRoute(route)
                .filter(exchange -> String.valueOf(exchange.getMessage().getBody(String.class)).contains(uuid))
                .whenFailed(1).create();
    }

    private Message routed(String queue, String uuid) throws Exception {
        Message message = broker().receive(queue, "VonageMessageUuid = '" + uuid + "'", ROUTED_WITHIN_MILLIS);
        assertThat(message).as("event %s in %s", uuid, queue).isNotNull();
        return message;
    }

    private Message awaitDeadLetter(String uuid) {
        return await().atMost(GIVE_UP_WITHIN)
                .until(() -> broker().receive(VonageQueues.DEAD, "VonageMessageUuid = '" + uuid + "'", 500),
                        m -> m != null);
    }

    @Test
    void deliversTheAlertOnceSmtpComesBackAndDeadLettersNothing() throws Exception {
        String uuid = UUID.randomUUID().toString();
        NotifyBuilder emailFailed = failedAttempt("deliver-alert-email", uuid);
        assertThat(postQuickly("/webhooks/status", Samples.withUuid("status-rejected", uuid)).statusCode())
                .isEqualTo(200);
        // the queue destination does not wait for the email
        routed("vonage.status.rejected", uuid);

        // SMTP comes back only once it has refused the alert at least once
        assertThat(emailFailed.matches(GIVE_UP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
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
        routed("vonage.inbound.sms", uuid);

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
        NotifyBuilder archiveFailed = failedAttempt("deliver-archive", uuid);

        assertThat(postQuickly("/webhooks/status", Samples.withUuid("status-read", uuid)).statusCode()).isEqualTo(200);
        Message routed = routed("vonage.status.read", uuid);
        // the directory becomes writable only once a write has failed at least once
        assertThat(archiveFailed.matches(GIVE_UP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Files.delete(blocker);

        Path file = archiveFile(routed);
        await().atMost(GIVE_UP_WITHIN).until(() -> Files.exists(file));
        assertThat(broker().browseUuid(VonageQueues.DEAD, uuid)).isEmpty();
    }

    /**
     * Builds the route that sends the email again from its definition, so that it takes a changed smtp.port.
     * That route alone: reloading all routes would drop those made from a template (Camel rebuilds those only
     * when the file that declares them is loaded again).
     */
    private void rebuildEmailRoute() throws Exception {
        ModelCamelContext model = (ModelCamelContext) context;
        RouteDefinition email = model.getRouteDefinition("send-alert-email");
        model.removeRouteDefinition(email);
        model.addRouteDefinition(email);
    }

    @Test
    void deadLettersTheAlertWhenSmtpNeverAnswers() throws Exception {
        // this test's events go to a port where nothing listens, whatever the other tests do with GreenMail
        context.getPropertiesComponent().addOverrideProperty("smtp.port", String.valueOf(closedSmtpPort));
        rebuildEmailRoute();
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
            rebuildEmailRoute();
        }
    }
}
