package io.webhookrouter.vonage;

import java.time.Clock;
import java.util.Set;

import io.vertx.core.VertxOptions;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Configuration;

import io.webhookrouter.vonage.broker.BrokerConnectionFactory;
import io.webhookrouter.vonage.broker.BrokerHealthCheck;
import io.webhookrouter.vonage.broker.EmbeddedBroker;
import io.webhookrouter.vonage.broker.JmsHandoff;
import io.webhookrouter.vonage.broker.RoutingBacklog;
import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.broker.batch.BatchConsumerComponent;
import io.webhookrouter.vonage.event.EventClassifier;
import io.webhookrouter.vonage.event.MessagesApi;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.metrics.MetricsBinder;
import io.webhookrouter.vonage.metrics.WebhookMetrics;
import io.webhookrouter.vonage.ingest.PlatformHttpFallbacks;
import io.webhookrouter.vonage.ingest.WebhookIngestProcessor;
import io.webhookrouter.vonage.media.MediaConfiguration;
import io.webhookrouter.vonage.routing.AlertEmail;
import io.webhookrouter.vonage.routing.ArchivePaths;
import io.webhookrouter.vonage.routing.DeliveryPolicy;
import io.webhookrouter.vonage.routing.SyncWrittenFile;
import io.webhookrouter.vonage.routing.TemplatedRoutesReload;
import io.webhookrouter.vonage.routing.VonageHeadersOnly;
import io.webhookrouter.vonage.signature.SignatureVerifier;

/**
 * Wires the Java half of the router from its {@link RouterSettings}: the broker (embedded or external), the
 * durable hand-off and the beans the routes refer to by name.
 */
@Configuration
public class RouterConfiguration implements CamelConfiguration, CamelContextAware {

    private CamelContext camelContext;
    private RouterSettings settings;
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
            new WebhookMetrics(Set.copyOf(MessagesApi.CHANNELS), Set.copyOf(MessagesApi.STATUSES));

    // Camel calls the @BindToRegistry methods before configure(), so shared pieces, the settings among them, are
    // made on first use.

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (settings().broker().isEmbedded()) {
            EmbeddedBroker broker = embeddedBroker();
            // while Camel loads the routes; the service's start waits for it
            broker.startEarly();
            camelContext.addService(broker, true, true);
        } else {
            StartupLog.externalBroker(settings().broker());
        }
        SmtpCredentials.configure(camelContext, settings().alerts());
        // added after the broker, so stopped before it
        camelContext.addService(handoff(), true, true);
        camelContext.addStartupListener(webhookFallbacks());
        camelContext.addStartupListener(new MetricsBinder(webhookMetrics));
        // the mediaCapture bean of the route files, for the standalone router and for applications alike
        MediaConfiguration.addTo(camelContext, settings());
        // a saved route file remakes its templatedRoute entries too: the destinations (docs/destinations.md)
        camelContext.getManagementStrategy().addEventNotifier(new TemplatedRoutesReload());
        StartupLog.settingsInEffect(settings(), deliveryPolicy(), alertEmail());
    }

    /** Camel gives the context before it calls the {@code @BindToRegistry} methods. */
    private synchronized RouterSettings settings() {
        if (settings == null) {
            settings = RouterSettings.from(camelContext.getPropertiesComponent());
        }
        return settings;
    }

    /** The broker connection, also used by the Camel JMS component ({@code camel.component.jms.*}). */
    @BindToRegistry("connectionFactory")
    public synchronized ActiveMQConnectionFactory connectionFactory() {
        if (connectionFactory == null) {
            RouterSettings.Broker broker = settings().broker();
            connectionFactory = BrokerConnectionFactory.create(broker.url(), broker.user(), broker.password(),
                    broker.sendTimeout());
        }
        return connectionFactory;
    }

    /**
     * The Vert.x instance of the webhook server. Camel runs each request's route on a Vert.x worker thread, which
     * waits there for the broker's confirmation: the worker pool bounds the webhooks being stored at once.
     */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(settings().webhook().workerThreads());
    }

    /** What the webhook server does around the routes: 503 while they are not there, load shedding, timeouts. */
    @BindToRegistry("webhookFallbacks")
    public synchronized PlatformHttpFallbacks webhookFallbacks() {
        if (webhookFallbacks == null) {
            RouterSettings.Webhook webhook = settings().webhook();
            webhookFallbacks = new PlatformHttpFallbacks(webhook.serverPort(), webhook.maxInFlight());
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
            deliveryPolicy = settings().delivery().policy();
        }
        return deliveryPolicy;
    }

    /**
     * {@code jms-batch:}, the routing stage's consumer: many events per transaction, each event of the ingest queue
     * marked as routed by its key in its transaction, so that the broker refuses to route it twice (docs/reliability.md).
     */
    @BindToRegistry(BatchConsumerComponent.SCHEME)
    public BatchConsumerComponent batchConsumerComponent() {
        return new BatchConsumerComponent().markRoutedOn(VonageQueues.INGEST, VonageQueues.ROUTED);
    }

    @BindToRegistry("archivePaths")
    public ArchivePaths archivePaths() {
        return new ArchivePaths();
    }

    @BindToRegistry("syncWrittenFile")
    public SyncWrittenFile syncWrittenFile() {
        return new SyncWrittenFile();
    }

    @BindToRegistry("vonageHeadersOnly")
    public VonageHeadersOnly vonageHeadersOnly() {
        return new VonageHeadersOnly();
    }

    @BindToRegistry("alertEmail")
    public synchronized AlertEmail alertEmail() {
        if (alertEmail == null) {
            RouterSettings.Alerts alerts = settings().alerts();
            alertEmail = new AlertEmail(alerts.smtpHost(), alerts.emailTo(), alerts.emailFrom());
        }
        return alertEmail;
    }

    /** The embedded broker, made once: null with an external one (BROKER_URL). */
    private synchronized EmbeddedBroker embeddedBroker() {
        if (embeddedBroker == null && settings().broker().isEmbedded()) {
            RouterSettings.Embedded embedded = settings().embeddedBroker();
            embeddedBroker = new EmbeddedBroker(settings().dataDir(), embedded.port(), embedded.duplicateIdCacheSize(),
                    deliveryPolicy(), embedded.maxDiskUsagePercent(), embedded.globalMaxSizeMb());
        }
        return embeddedBroker;
    }

    /** What the embedded broker holds in vonage.ingest, against ROUTING_MAX_BACKLOG. */
    private synchronized RoutingBacklog routingBacklog() {
        if (routingBacklog == null) {
            EmbeddedBroker broker = embeddedBroker();
            routingBacklog = broker == null ? RoutingBacklog.unlimited()
                    : new RoutingBacklog(() -> broker.messageCountOrZero(VonageQueues.INGEST),
                            settings().routing().maxBacklog());
        }
        return routingBacklog;
    }

    private synchronized JmsHandoff handoff() {
        if (handoff == null) {
            RouterSettings.Broker broker = settings().broker();
            handoff = new JmsHandoff(connectionFactory(), broker.senderThreads(), broker.sendTimeout());
        }
        return handoff;
    }

    /** Null when signatures are not checked (WEBHOOK_SIGNATURE_VERIFY=false). */
    private synchronized SignatureVerifier verifier() {
        RouterSettings.Signature signature = settings().signature();
        if (verifier == null && signature.verify()) {
            verifier = new SignatureVerifier(SigningSecrets.keys(signature), signature.apiKey(),
                    signature.applicationId(), signature.clockSkew(), signature.maxTokenAge(), Clock.systemUTC());
        }
        return verifier;
    }
}
