package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.webhookrouter.vonage.RouterSettings;
import io.webhookrouter.vonage.event.EventClassifier;
import io.webhookrouter.vonage.event.WebhookKind;
import io.webhookrouter.vonage.ingest.EventProperties;
import io.webhookrouter.vonage.media.MediaConfiguration;
import io.webhookrouter.vonage.signature.VerifiedToken;
import io.webhookrouter.vonage.support.RouterHome;
import io.webhookrouter.vonage.support.Samples;

/**
 * The tests' routing table ({@link RouterHome}), loaded from its YAML into a CamelContext of its own, in seconds:
 * no HTTP, no broker. Each event goes in where the broker would hand it over (the routes' {@code jms-batch:} inputs
 * become {@code direct:} ones) and comes out at the destinations it reaches (every {@code jms:} send, the outboxes of
 * the archive and the alert among them, is a mock endpoint that keeps it). What a destination then does, and the
 * deliverers of the outboxes, are the ITs' business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTableTest {

    private static final String BATCH_CONSUMER = "jms-batch:";
    private static final String WEBHOOK = "platform-http:";
    private static final String ARCHIVE = "jms:queue:vonage.outbox.archive";
    private static final String ALERT = "jms:queue:vonage.outbox.email";

    private final EventClassifier classifier = new EventClassifier();
    private CamelContext context;
    private ProducerTemplate producer;

    @BeforeAll
    void loadTheRouteFiles() throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation(RouterHome.propertiesLocation());
        // the beans the routes name, real ones: none of them is reached with its destinations mocked
        context.getRegistry().bind("deliveryPolicy", new DeliveryPolicy(Duration.ofSeconds(1), 2,
                Duration.ofMinutes(5), Duration.ofHours(24)));
        context.getRegistry().bind("alertEmail", new AlertEmail("localhost", "ops@example.com", "router@localhost"));
        context.getRegistry().bind("archivePaths", new ArchivePaths());
        context.getRegistry().bind("syncWrittenFile", new SyncWrittenFile());
        // media capture as the router's defaults have it: off, so no event reaches the media outbox
        MediaConfiguration.addTo(context, RouterSettings.from(context.getPropertiesComponent()));
        try (Stream<Path> files = Files.list(RouterHome.ROUTES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                PluginHelper.getRoutesLoader(context)
                        .loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
            }
        }
        ModelCamelContext model = (ModelCamelContext) context;
        for (RouteDefinition route : List.copyOf(model.getRouteDefinitions())) {
            if (route.getInput().getEndpointUri().startsWith(WEBHOOK)) {
                // the webhook endpoints store events, they route none: WebhookIngestIT's business
                model.removeRouteDefinition(route);
                continue;
            }
            if (route.getTemplateParameters() != null && !route.getTemplateParameters().isEmpty()) {
                // a deliverer of an outbox (outbox-delivery): what a destination does is the ITs' business
                model.removeRouteDefinition(route);
                continue;
            }
            AdviceWith.adviceWith(context, route.getRouteId(), advice -> {
                if (route.getInput().getEndpointUri().startsWith(BATCH_CONSUMER)) {
                    advice.replaceFromWith(handOver(route.getInput().getEndpointUri()));
                }
                advice.mockEndpointsAndSkip("jms:*");
            });
        }
        context.start();
        producer = context.createProducerTemplate();
    }

    @AfterAll
    void stop() {
        context.stop();
    }

    @BeforeEach
    void forgetEarlierEvents() {
        MockEndpoint.resetMocks(context);
    }

    /** Where a test hands over what the broker would deliver to a {@code jms-batch:} consumer. */
    private static String handOver(String batchConsumerUri) {
        return "direct:" + batchConsumerUri.substring(BATCH_CONSUMER.length()).split("\\?")[0];
    }

    /** Routes the event as the routing stage takes it from the ingest queue; returns where it went. */
    private List<String> route(WebhookKind kind, String json) throws Exception {
        Map<String, Object> properties = new HashMap<>(EventProperties.of(classifier.classify(kind, json),
                new VerifiedToken("abc123", "app-1"), Instant.now()));
        producer.sendBodyAndHeaders(handOver("jms-batch:vonage.ingest"), json, properties);
        return reached();
    }

    private List<String> reached() {
        return context.getEndpoints().stream()
                .filter(MockEndpoint.class::isInstance)
                .map(MockEndpoint.class::cast)
                .filter(mock -> mock.getReceivedCounter() > 0)
                .map(mock -> mock.getEndpointUri().replaceFirst("^mock://", ""))
                .sorted()
                .toList();
    }

    @ParameterizedTest
    @CsvSource({"inbound-sms-text,sms", "inbound-mms-image,mms", "inbound-rcs-vcard,rcs",
            "inbound-whatsapp-text,whatsapp", "inbound-messenger-text,messenger", "inbound-viber-text,viber_service"})
    void anInboundMessageGoesToTheQueueOfItsChannelAndTheArchive(String sample, String channel) throws Exception {
        assertThat(route(WebhookKind.INBOUND, Samples.fresh(sample)))
                .containsExactlyInAnyOrder("jms:queue:vonage.inbound." + channel, ARCHIVE);
    }

    @Test
    void anInboundMessageOfAnUnknownChannelGoesToTheUnknownQueueAndTheArchive() throws Exception {
        String pigeon = Samples.fresh("inbound-sms-text").replace("\"channel\":\"sms\"", "\"channel\":\"pigeon\"");

        assertThat(route(WebhookKind.INBOUND, pigeon))
                .containsExactlyInAnyOrder("jms:queue:vonage.inbound.unknown", ARCHIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"submitted", "delivered", "read"})
    void aStatusThatIsNoFailureGoesToItsQueueAndTheArchiveWithoutAnAlert(String status) throws Exception {
        assertThat(route(WebhookKind.STATUS, Samples.fresh("status-" + status)))
                .containsExactlyInAnyOrder("jms:queue:vonage.status." + status, ARCHIVE);
    }

    @Test
    void aRejectedStatusGoesToItsQueueTheArchiveAndAnAlert() throws Exception {
        assertThat(route(WebhookKind.STATUS, Samples.fresh("status-rejected")))
                .containsExactlyInAnyOrder("jms:queue:vonage.status.rejected", ARCHIVE, ALERT);
    }

    @Test
    void anUndeliverableStatusGoesToItsQueueTheArchiveAndAnAlert() throws Exception {
        assertThat(route(WebhookKind.STATUS, Samples.fresh("status-undeliverable")))
                .containsExactlyInAnyOrder("jms:queue:vonage.status.undeliverable", ARCHIVE, ALERT);
    }

    @Test
    void aStatusUnknownToVonagesListGoesToTheUnknownQueueAndTheArchive() throws Exception {
        String accepted = Samples.fresh("status-delivered").replace("\"delivered\"", "\"accepted\"");

        assertThat(route(WebhookKind.STATUS, accepted))
                .containsExactlyInAnyOrder("jms:queue:vonage.status.unknown", ARCHIVE);
    }

    /** The routing stage hands the route each event as Vonage sent it (its key is the marker's: BatchConsumerMarkerTest). */
    @Test
    void theDestinationsGetTheEventsExactBody() throws Exception {
        String json = Samples.fresh("status-rejected");

        route(WebhookKind.STATUS, json);

        for (String destination : List.of("jms:queue:vonage.status.rejected", ARCHIVE, ALERT)) {
            assertThat(context.getEndpoint("mock://" + destination, MockEndpoint.class).getReceivedExchanges())
                    .as(destination).singleElement()
                    .satisfies(sent -> assertThat(sent.getMessage().getBody(String.class)).isEqualTo(json));
        }
    }
}
