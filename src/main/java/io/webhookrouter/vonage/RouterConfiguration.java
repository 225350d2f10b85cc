package io.webhookrouter.vonage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.vertx.core.VertxOptions;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.broker.BrokerConnectionFactory;
import io.webhookrouter.vonage.broker.BrokerHealthCheck;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.broker.JmsHandoff;
import io.webhookrouter.vonage.broker.RoutingBacklog;
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.broker.batch.BatchConsumerComponent;
import io.webhookrouter.vonage.event.EventClassifier;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.metrics.MetricsBinder;
import io.webhookrouter.vonage.metrics.WebhookMetrics;
import io.webhookrouter.vonage.ingest.PlatformHttpFallbacks;
import io.webhookrouter.vonage.ingest.WebhookIngestProcessor;
import io.webhookrouter.vonage.routing.AlertEmail;
import io.webhookrouter.vonage.routing.ArchivePaths;
import io.webhookrouter.vonage.routing.DeliveryPolicy;
import io.webhookrouter.vonage.routing.TemplatedRoutesReload;
import io.webhookrouter.vonage.signature.SignatureVerifier;
import io.webhookrouter.vonage.signature.SigningKeys;

/**
 * Wires the Java half of the router from {@code config/application.properties}: the broker (embedded or
 * external), the durable hand-off and the two webhook processors the routes refer to by name.
 */
@Configuration
public class RouterConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RouterConfiguration.class);

    @PropertyInject(value = "vonage.signature-secret", defaultValue = "")
    private String signatureSecrets;
    @PropertyInject(value = "vonage.signature-secret-file", defaultValue = "")
    private String signatureSecretFile;
    @PropertyInject(value = "vonage.account-secrets", defaultValue = "")
    private String accountSecrets;
    @PropertyInject(value = "vonage.account-secrets-file", defaultValue = "")
    private String accountSecretsFile;
    @PropertyInject(value = "vonage.api-key", defaultValue = "")
    private String apiKey;
    @PropertyInject(value = "vonage.application-id", defaultValue = "")
    private String applicationId;
    @PropertyInject(value = "webhook.signature-verify", defaultValue = "true")
    private boolean signatureVerify;
    @PropertyInject(value = "webhook.clock-skew-seconds", defaultValue = "300")
    private long clockSkewSeconds;
    @PropertyInject(value = "webhook.max-token-age-seconds", defaultValue = "90000")
    private long maxTokenAgeSeconds;

    @PropertyInject(value = "camel.server.port", defaultValue = "8080")
    private int serverPort;
    @PropertyInject(value = "webhook.max-in-flight", defaultValue = "512")
    private int maxInFlight;
    @PropertyInject(value = "router.data-dir", defaultValue = "data")
    private String dataDir;
    @PropertyInject(value = "broker.url", defaultValue = "")
    private String brokerUrl;
    @PropertyInject(value = "broker.user", defaultValue = "")
    private String brokerUser;
    @PropertyInject(value = "broker.password", defaultValue = "")
    private String brokerPassword;
    @PropertyInject(value = "broker.send-timeout-millis", defaultValue = "5000")
    private long sendTimeoutMillis;
    @PropertyInject(value = "broker.sender-threads", defaultValue = "2")
    private int senderThreads;
    @PropertyInject(value = "webhook.worker-threads", defaultValue = "128")
    private int workerThreads;
    @PropertyInject(value = "broker.duplicate-id-cache-size", defaultValue = "200000")
    private int duplicateIdCacheSize;
    @PropertyInject(value = "embedded-broker.port", defaultValue = "61616")
    private int embeddedBrokerPort;
    @PropertyInject(value = "embedded-broker.max-disk-usage", defaultValue = "90")
    private int maxDiskUsagePercent;
    @PropertyInject(value = "embedded-broker.global-max-size-mb", defaultValue = "64")
    private int globalMaxSizeMb;

    @PropertyInject(value = "routing.max-backlog", defaultValue = "20000")
    private long maxBacklog;

    @PropertyInject(value = "delivery.initial-delay-millis", defaultValue = "1000")
    private long deliveryInitialDelayMillis;
    @PropertyInject(value = "delivery.multiplier", defaultValue = "2")
    private double deliveryMultiplier;
    @PropertyInject(value = "delivery.max-delay-millis", defaultValue = "300000")
    private long deliveryMaxDelayMillis;
    @PropertyInject(value = "delivery.retry-for-seconds", defaultValue = "86400")
    private long deliveryRetryForSeconds;

    @PropertyInject(value = "smtp.host", defaultValue = "")
    private String smtpHost;
    @PropertyInject(value = "smtp.user", defaultValue = "")
    private String smtpUser;
    @PropertyInject(value = "smtp.password", defaultValue = "")
    private String smtpPassword;
    @PropertyInject(value = "alert.email-to", defaultValue = "")
    private String alertEmailTo;
    @PropertyInject(value = "alert.email-from", defaultValue = "")
    private String alertEmailFrom;

    private ActiveMQConnectionFactory connectionFactory;
    private JmsHandoff handoff;
    private SignatureVerifier verifier;
    private DeliveryPolicy deliveryPolicy;
    private AlertEmail alertEmail;
    private PlatformHttpFallbacks webhookFallbacks;
    private EmbeddedBroker embeddedBroker;
    private RoutingBacklog routingBacklog;
    private final EventClassifier classifier = new EventClassifier();
    private final WebhookMetrics webhookMetrics =
            new WebhookMetrics(Set.copyOf(VonageQueues.CHANNELS), Set.copyOf(VonageQueues.STATUSES));

    // Camel calls the @BindToRegistry methods before configure(), so shared pieces are made on first use.

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (brokerUrl.isBlank()) {
            EmbeddedBroker broker = embeddedBroker();
            // while Camel loads the routes; the service's start waits for it
            broker.startEarly();
            camelContext.addService(broker, true, true);
        } else {
            // the URL's parameters may carry credentials
            LOG.info("Using the external Artemis broker at {}", brokerUrl.split("\\?", 2)[0]);
        }
        configureSmtpCredentials(camelContext);
        // added after the broker, so stopped before it
        camelContext.addService(handoff(), true, true);
        camelContext.addStartupListener(webhookFallbacks());
        camelContext.addStartupListener(new MetricsBinder(webhookMetrics, VonageQueues.all()));
        // a saved route file remakes its templatedRoute entries too: the destinations (docs/destinations.md)
        camelContext.getManagementStrategy().addEventNotifier(new TemplatedRoutesReload());
        LOG.info("Failed deliveries are retried {} times over {} s, then go to vonage.dead",
                deliveryPolicy().maxAttempts() - 1, deliveryRetryForSeconds);
        if (!alertEmail().isEnabled()) {
            LOG.info("Email alerts are off: set SMTP_HOST and ALERT_EMAIL_TO to turn them on");
        }
        if (!signatureVerify) {
            LOG.warn("WEBHOOK_SIGNATURE_VERIFY=false: webhooks are accepted WITHOUT checking Vonage's signature. "
                    + "Never run like this in production.");
        }
    }

    /** SMTP authentication only when a user is configured: an empty user still makes JavaMail try to log in. */
    private void configureSmtpCredentials(CamelContext camelContext) {
        if (!smtpUser.isBlank()) {
            MailConfiguration mail = camelContext.getComponent("smtp", MailComponent.class).getConfiguration();
            mail.setUsername(smtpUser);
            mail.setPassword(smtpPassword);
        }
    }

    /** The broker connection, also used by the Camel JMS component ({@code camel.component.jms.*}). */
    @BindToRegistry("connectionFactory")
    public synchronized ActiveMQConnectionFactory connectionFactory() {
        if (connectionFactory == null) {
            connectionFactory = BrokerConnectionFactory.create(brokerUrl, brokerUser, brokerPassword, sendTimeout());
        }
        return connectionFactory;
    }

    /**
     * The Vert.x instance of the webhook server. Camel runs each request's route on a Vert.x worker thread, which
     * waits there for the broker's confirmation: the worker pool bounds the webhooks being stored at once.
     */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(workerThreads);
    }

    /** What the webhook server does around the routes: 503 while they are not there, load shedding, timeouts. */
    @BindToRegistry("webhookFallbacks")
    public synchronized PlatformHttpFallbacks webhookFallbacks() {
        if (webhookFallbacks == null) {
            webhookFallbacks = new PlatformHttpFallbacks(serverPort, maxInFlight);
        }
        return webhookFallbacks;
    }

    /** Readiness is DOWN while the broker cannot be reached (every webhook would get 503). */
    @BindToRegistry("brokerHealthCheck")
    public BrokerHealthCheck brokerHealthCheck() {
        return new BrokerHealthCheck(handoff());
    }

    @BindToRegistry("inboundWebhook")
    public WebhookIngestProcessor inboundWebhook() {
        return new WebhookIngestProcessor(WebhookKind.INBOUND, verifier(), classifier, handoff(), routingBacklog(),
                webhookMetrics,
                Clock.systemUTC());
    }

    @BindToRegistry("statusWebhook")
    public WebhookIngestProcessor statusWebhook() {
        return new WebhookIngestProcessor(WebhookKind.STATUS, verifier(), classifier, handoff(), routingBacklog(),
                webhookMetrics,
                Clock.systemUTC());
    }

    @BindToRegistry("deliveryPolicy")
    public synchronized DeliveryPolicy deliveryPolicy() {
        if (deliveryPolicy == null) {
            deliveryPolicy = new DeliveryPolicy(Duration.ofMillis(deliveryInitialDelayMillis), deliveryMultiplier,
                    Duration.ofMillis(deliveryMaxDelayMillis), Duration.ofSeconds(deliveryRetryForSeconds));
        }
        return deliveryPolicy;
    }

    /** {@code jms-batch:}, the routing stage's consumer: many events per transaction. */
    @BindToRegistry(BatchConsumerComponent.SCHEME)
    public BatchConsumerComponent batchConsumerComponent() {
        return new BatchConsumerComponent();
    }

    @BindToRegistry("archivePaths")
    public ArchivePaths archivePaths() {
        return new ArchivePaths();
    }

    @BindToRegistry("alertEmail")
    public synchronized AlertEmail alertEmail() {
        if (alertEmail == null) {
            alertEmail = new AlertEmail(smtpHost, alertEmailTo, alertEmailFrom);
        }
        return alertEmail;
    }

    /** The embedded broker, made once: null with an external one (BROKER_URL). */
    private synchronized EmbeddedBroker embeddedBroker() {
        if (embeddedBroker == null && brokerUrl.isBlank()) {
            embeddedBroker = new EmbeddedBroker(Path.of(dataDir), embeddedBrokerPort, duplicateIdCacheSize,
                    deliveryPolicy(), maxDiskUsagePercent, globalMaxSizeMb);
        }
        return embeddedBroker;
    }

    /** What the embedded broker holds in vonage.ingest, against ROUTING_MAX_BACKLOG. */
    private synchronized RoutingBacklog routingBacklog() {
        if (routingBacklog == null) {
            EmbeddedBroker broker = embeddedBroker();
            routingBacklog = broker == null ? RoutingBacklog.unlimited()
                    : new RoutingBacklog(() -> broker.messageCountOrZero(VonageQueues.INGEST), maxBacklog);
        }
        return routingBacklog;
    }

    private synchronized JmsHandoff handoff() {
        if (handoff == null) {
            handoff = new JmsHandoff(connectionFactory(), senderThreads, sendTimeout());
        }
        return handoff;
    }

    private synchronized SignatureVerifier verifier() {
        if (verifier == null && signatureVerify) {
            verifier = newVerifier();
        }
        return verifier;
    }

    private SignatureVerifier newVerifier() {
        SigningKeys keys = SigningKeys.parse(
                join(signatureSecrets, readSecretFile(signatureSecretFile, "VONAGE_SIGNATURE_SECRET_FILE")),
                join(accountSecrets, readSecretFile(accountSecretsFile, "VONAGE_ACCOUNT_SECRETS_FILE")));
        if (keys.isEmpty()) {
            throw new MissingSetting("VONAGE_SIGNATURE_SECRET is not set: give the signature secret of your Vonage "
                    + "account (Dashboard > API settings), or VONAGE_SIGNATURE_SECRET_FILE, or set "
                    + "WEBHOOK_SIGNATURE_VERIFY=false for local development");
        }
        return new SignatureVerifier(keys, apiKey, applicationId, Duration.ofSeconds(clockSkewSeconds),
                Duration.ofSeconds(maxTokenAgeSeconds), Clock.systemUTC());
    }

    /** A mounted secret (a Kubernetes Secret, say): its whole content, or an empty string when no file is named. */
    private static String readSecretFile(String path, String variable) {
        if (path.isBlank()) {
            return "";
        }
        try {
            return Files.readString(Path.of(path.trim()));
        } catch (IOException e) {
            throw new MissingSetting(variable + " names " + path + ", which cannot be read: " + e.getMessage());
        }
    }

    private static String join(String first, String second) {
        return first + "," + second;
    }

    private Duration sendTimeout() {
        return Duration.ofMillis(sendTimeoutMillis);
    }
}
