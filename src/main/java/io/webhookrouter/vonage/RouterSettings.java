package io.webhookrouter.vonage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.spi.PropertiesComponent;

import io.webhookrouter.vonage.routing.DeliveryPolicy;

/**
 * The router's settings, read once from Camel's properties and checked: a value of the wrong form stops start-up
 * with a message naming its environment variable. The defaults are not here but in
 * {@code vonage-webhook-router/defaults.properties} ({@link RouterDefaults}); docs/configuration.md explains each.
 * The settings only the route files read are checked here too, so that a bad one is said as clearly.
 */
public record RouterSettings(Path dataDir, Webhook webhook, Signature signature, Broker broker, Embedded embeddedBroker,
                             Routing routing, Delivery delivery, Alerts alerts, Media media) {

    /** The settings as the Camel context resolves them: the application's properties, then the library's defaults. */
    public static RouterSettings from(PropertiesComponent properties) {
        return read(properties::resolveProperty);
    }

    /** @param properties a property's value, its placeholders resolved; empty when no source has it */
    public static RouterSettings read(Function<String, Optional<String>> properties) {
        SettingsReader reader = new SettingsReader(properties);
        return new RouterSettings(
                Path.of(reader.text("router.data-dir")),
                Webhook.read(reader), Signature.read(reader), Broker.read(reader), Embedded.read(reader),
                Routing.read(reader), Delivery.read(reader), Alerts.read(reader), Media.read(reader));
    }

    /** The webhook endpoints. */
    public record Webhook(int serverPort, int maxInFlight, int workerThreads, Duration requestTimeout) {

        /** Camel main's webhook server listens on its default port unless the application says otherwise. */
        public static final int CAMEL_SERVER_PORT = new HttpServerConfigurationProperties(null).getPort();

        static Webhook read(SettingsReader reader) {
            return new Webhook(
                    reader.wholeNumberOr("camel.server.port", 0, 65535, CAMEL_SERVER_PORT),
                    reader.wholeNumber("webhook.max-in-flight", 1),
                    reader.wholeNumber("webhook.worker-threads", 1),
                    reader.millis("webhook.request-timeout-millis", 1));
        }
    }

    /** Where the signature secrets come from and what a token must carry; {@link SigningSecrets} reads the files. */
    public record Signature(boolean verify, String secrets, String secretFile, String accountSecrets,
                            String accountSecretsFile, String apiKey, String applicationId, Duration clockSkew,
                            Duration maxTokenAge) {

        static Signature read(SettingsReader reader) {
            return new Signature(
                    reader.flag("webhook.signature-verify"),
                    reader.text("vonage.signature-secret"),
                    reader.text("vonage.signature-secret-file"),
                    reader.text("vonage.account-secrets"),
                    reader.text("vonage.account-secrets-file"),
                    reader.text("vonage.api-key"),
                    reader.text("vonage.application-id"),
                    reader.seconds("webhook.clock-skew-seconds", 0),
                    reader.seconds("webhook.max-token-age-seconds", 0));
        }

        /** The secrets stay out of logs and failure messages. */
        @Override
        public String toString() {
            return "Signature[verify=" + verify + ", secretFile=" + secretFile + ", accountSecretsFile="
                    + accountSecretsFile + ", apiKey=" + apiKey + ", applicationId=" + applicationId
                    + ", clockSkew=" + clockSkew + ", maxTokenAge=" + maxTokenAge + "]";
        }
    }

    /** The broker the events are stored in: an external Artemis when a URL is set, the embedded one otherwise. */
    public record Broker(String url, String user, String password, Duration sendTimeout, int senderThreads) {

        static Broker read(SettingsReader reader) {
            return new Broker(
                    reader.text("broker.url"),
                    reader.text("broker.user"),
                    reader.text("broker.password"),
                    reader.millis("broker.send-timeout-millis", 1),
                    reader.wholeNumber("broker.sender-threads", 1));
        }

        public boolean isEmbedded() {
            return url.isBlank();
        }

        /** The URL without its parameters, which may carry credentials. */
        public String address() {
            return url.split("\\?", 2)[0];
        }

        @Override
        public String toString() {
            return "Broker[url=" + address() + ", user=" + user + ", sendTimeout=" + sendTimeout
                    + ", senderThreads=" + senderThreads + "]";
        }
    }

    /** The embedded broker, used unless {@link Broker#url()} is set. */
    public record Embedded(int port, int duplicateIdCacheSize, int maxDiskUsagePercent, int globalMaxSizeMb) {

        static Embedded read(SettingsReader reader) {
            return new Embedded(
                    reader.wholeNumber("embedded-broker.port", 0, 65535),
                    reader.wholeNumber("broker.duplicate-id-cache-size", 1),
                    reader.wholeNumber("embedded-broker.max-disk-usage", 0, 100),
                    reader.wholeNumber("embedded-broker.global-max-size-mb", 1));
        }
    }

    /** The routing stage: its consumers (read by routes/routing.camel.yaml) and the backlog webhooks are shed at. */
    public record Routing(int consumers, long maxBacklog) {

        static Routing read(SettingsReader reader) {
            return new Routing(
                    reader.wholeNumber("routing.consumers", 1),
                    reader.longNumber("routing.max-backlog", 0));
        }
    }

    /** The retries of a failing delivery, owned by the broker. */
    public record Delivery(Duration initialDelay, double multiplier, Duration maxDelay, Duration retryFor) {

        static Delivery read(SettingsReader reader) {
            Delivery delivery = new Delivery(
                    reader.millis("delivery.initial-delay-millis", 1),
                    reader.decimal("delivery.multiplier", 1),
                    reader.millis("delivery.max-delay-millis", 1),
                    reader.seconds("delivery.retry-for-seconds", 0));
            if (delivery.maxDelay.compareTo(delivery.initialDelay) < 0) {
                throw reader.invalid("delivery.max-delay-millis", "must not be below "
                        + reader.name("delivery.initial-delay-millis") + ", " + delivery.initialDelay.toMillis()
                        + ", got '" + delivery.maxDelay.toMillis() + "'");
            }
            return delivery;
        }

        public DeliveryPolicy policy() {
            return new DeliveryPolicy(initialDelay, multiplier, maxDelay, retryFor);
        }
    }

    /** Email alerts: off unless an SMTP host and a recipient are set. */
    public record Alerts(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String emailTo,
                         String emailFrom) {

        static Alerts read(SettingsReader reader) {
            return new Alerts(
                    reader.text("smtp.host"),
                    reader.wholeNumber("smtp.port", 1, 65535),
                    reader.text("smtp.user"),
                    reader.text("smtp.password"),
                    reader.text("alert.email-to"),
                    reader.text("alert.email-from"));
        }

        @Override
        public String toString() {
            return "Alerts[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", smtpUser=" + smtpUser
                    + ", emailTo=" + emailTo + ", emailFrom=" + emailFrom + "]";
        }
    }

    /**
     * Media capture (docs/media.md): which links may be followed, how much is kept, and how long Vonage still has it.
     *
     * @param allowedHosts as written: comma-separated names, {@code *.example.com} for any name below example.com
     * @param privateKeyFile the application's key for Secure Inbound Media, blank when the media is not secured
     */
    public record Media(boolean captureEnabled, String allowedHosts, boolean allowHttp, long maxBytes,
                        Duration retryFor, Duration connectTimeout, Duration readTimeout, String privateKeyFile) {

        static Media read(SettingsReader reader) {
            return new Media(
                    reader.flag("media.capture-enabled"),
                    reader.text("media.allowed-hosts"),
                    reader.flag("media.allow-http"),
                    reader.longNumber("media.max-bytes", 1),
                    reader.seconds("media.retry-for-seconds", 0),
                    // whole milliseconds of at least 1: 0 would mean "wait for ever" to the HTTP client
                    reader.millis("media.connect-timeout-millis", 1),
                    reader.millis("media.read-timeout-millis", 1),
                    reader.text("vonage.application-private-key-file"));
        }
    }
}
