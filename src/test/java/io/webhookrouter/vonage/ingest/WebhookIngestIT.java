package io.webhookrouter.vonage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.signature.Sha256;
import io.webhookrouter.vonage.support.BrokerProbe;
import io.webhookrouter.vonage.support.RouterHome;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/**
 * docs/operating.md's *Status codes*, row by row, against the running router, its HTTP server and its embedded broker. Only the webhook
 * routes run, so what the request path stored stays in the ingest queue to be looked at.
 */
class WebhookIngestIT extends RouterTestSupport {

    private static final String INBOUND = "/webhooks/inbound";
    private static final String STATUS = "/webhooks/status";

    @Override
    protected Properties routerProperties() {
        Properties properties = new Properties();
        properties.put("camel.main.routes-include-pattern", RouterHome.routesPattern("webhooks.camel.yaml"));
        return properties;
    }

    /** Stands for an exchange that Camel fails before the router's processor runs (refused while stopping, say). */
    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/webhooks/refused?muteException=true").routeId("refused-by-camel")
                        .throwException(new RejectedExecutionException("the route is stopping"));
            }
        };
    }

    private List<Message> stored(String uuid) throws Exception {
        return broker().browseUuid(VonageQueues.INGEST, uuid);
    }

    private HttpResponse<String> postWithAuthorization(String path, byte[] body, String... authorizations)
            throws Exception {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String authorization : authorizations) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    @Test
    void storesASignedInboundEventWithItsPropertiesBeforeAnswering200() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("inbound-whatsapp-text", uuid);

        HttpResponse<String> response = postSigned(INBOUND, json);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("an empty answer, not a chunked one").hasValue("0");
        List<Message> stored = stored(uuid);
        assertThat(stored).hasSize(1);
        TextMessage message = (TextMessage) stored.get(0);
        assertThat(message.getText()).isEqualTo(json);
        assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(message.getStringProperty("VonageEventType")).isEqualTo("inbound");
        assertThat(message.getStringProperty("VonageChannel")).isEqualTo("whatsapp");
        assertThat(message.getStringProperty("VonageMessageType")).isEqualTo("text");
        assertThat(message.getStringProperty("VonageMessageUuid")).isEqualTo(uuid);
        assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo(uuid);
        assertThat(message.getStringProperty("VonageApiKey")).isEqualTo("abc123");
        assertThat(Instant.parse(message.getStringProperty("VonageReceivedAt")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void storesASignedStatusEventWithItsStatus() throws Exception {
        String uuid = UUID.randomUUID().toString();

        assertThat(postSigned(STATUS, Samples.withUuid("status-rejected", uuid)).statusCode()).isEqualTo(200);

        Message message = stored(uuid).get(0);
        assertThat(message.getStringProperty("VonageEventType")).isEqualTo("status");
        assertThat(message.getStringProperty("VonageStatus")).isEqualTo("rejected");
        assertThat(message.getStringProperty("VonageChannel")).isEqualTo("whatsapp");
    }

    @Test
    void storesTheExactBytesOfPrettyPrintedNonAsciiJson() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = ("{\n  \"channel\" : \"sms\",\n  \"message_uuid\" : \"" + uuid + "\",\n"
                + "  \"to\" : \"447700900000\", \"from\" : \"447700900001\",\n"
                + "  \"timestamp\" : \"2025-02-03T12:14:25Z\", \"message_type\" : \"text\",\n"
                + "  \"text\" : \"Grüße aus Köln ☺ 你好 \\u00e9\"\n}\n").getBytes(StandardCharsets.UTF_8);

        assertThat(postSigned(INBOUND, body).statusCode()).isEqualTo(200);

        assertThat(BrokerProbe.bytes(stored(uuid).get(0))).isEqualTo(body);
    }

    @Test
    void storesARetriedCallbackOnce() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-delivered", uuid);

        assertThat(postSigned(STATUS, json).statusCode()).isEqualTo(200);
        assertThat(postSigned(STATUS, json).statusCode()).isEqualTo(200);
        assertThat(postSigned(STATUS, Samples.withUuid("status-read", uuid)).statusCode()).isEqualTo(200);

        assertThat(stored(uuid)).extracting(m -> m.getStringProperty("VonageStatus"))
                .containsExactly("delivered", "read");
    }

    @Test
    void answers503ToAnUnsignedCallbackSoThatVonageRetriesSigned() throws Exception {
        String uuid = UUID.randomUUID().toString();

        HttpResponse<String> response = postWithAuthorization(INBOUND,
                Samples.withUuid("inbound-sms-text", uuid).getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(stored(uuid)).isEmpty();
    }

    @Test
    void answers401ToAForgedSignatureAndStoresNothing() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid("inbound-sms-text", uuid).getBytes(StandardCharsets.UTF_8);
        String forged = new io.webhookrouter.vonage.signature.WebhookSigner("guessed-secret", "abc123", "app-1")
                .authorization(body, Instant.now());

        HttpResponse<String> response = postWithAuthorization(INBOUND, body, forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"title\":\"Unauthorized\"").doesNotContain("signature");
        assertThat(response.headers().firstValue("Content-Length"))
                .hasValue(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(stored(uuid)).isEmpty();
    }

    @Test
    void answers401ToATamperedBodyAndStoresNothing() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] signedBody = Samples.withUuid("inbound-sms-text", uuid).getBytes(StandardCharsets.UTF_8);
        byte[] tampered = Samples.withUuid("inbound-sms-text", uuid).replace("Hi there", "Pay me")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postWithAuthorization(INBOUND, tampered,
                signer.authorization(signedBody, Instant.now()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(stored(uuid)).isEmpty();
    }

    @Test
    void answers401ToAStaleTokenAndToAnAlgorithmOtherThanHs256() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid("inbound-sms-text", uuid).getBytes(StandardCharsets.UTF_8);
        String stale = signer.authorization(body, Instant.now().minus(Duration.ofHours(26)));
        String hs384 = "Bearer " + JWT.create().withIssuedAt(Instant.now()).withIssuer("Vonage")
                .withClaim("payload_hash", Sha256.hex(body)).sign(Algorithm.HMAC384(SECRET));

        assertThat(postWithAuthorization(INBOUND, body, stale).statusCode()).isEqualTo(401);
        assertThat(postWithAuthorization(INBOUND, body, hs384).statusCode()).isEqualTo(401);
        assertThat(stored(uuid)).isEmpty();
    }

    @Test
    void answers401WhenTheRequestCarriesSeveralAuthorizationHeaders() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid("inbound-sms-text", uuid).getBytes(StandardCharsets.UTF_8);
        String good = signer.authorization(body, Instant.now());

        assertThat(postWithAuthorization(INBOUND, body, good, good).statusCode()).isEqualTo(401);
        assertThat(stored(uuid)).isEmpty();
    }

    @Test
    void answers413ToABodyOverTheLimit() throws Exception {
        byte[] body = ("{\"text\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postSigned(INBOUND, body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void answers415ToABodyThatIsNotDeclaredJson() throws Exception {
        String uuid = UUID.randomUUID().toString();
        byte[] body = Samples.withUuid("inbound-sms-text", uuid).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(request(INBOUND)
                .header("Content-Type", "text/plain")
                .header("Authorization", signer.authorization(body, Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(stored(uuid)).isEmpty();
    }

    @Test
    void answers503RatherThanCamels500WhenCamelFailsTheExchangeBeforeTheRouterHandlesIt() throws Exception {
        HttpResponse<String> answer = postSigned("/webhooks/refused", Samples.withUuid("inbound-sms-text",
                UUID.randomUUID().toString()));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).doesNotContain("RejectedExecutionException");
    }

    @Test
    void answers405WithAllowPostToOtherMethods() throws Exception {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            HttpResponse<String> response = send(request(STATUS)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        }
    }

    @Test
    void parksAVerifiedBodyThatIsNotJsonInTheInvalidQueueAndAnswers200() throws Exception {
        byte[] body = ("not json at all " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        assertThat(postSigned(INBOUND, body).statusCode()).isEqualTo(200);

        List<Message> parked = broker().browse(VonageQueues.INVALID,
                "JMS_AMQ_DUPL_ID IS NULL OR _AMQ_DUPL_ID = 'invalid:" + Sha256.hex(body) + "'");
        assertThat(parked).anySatisfy(message -> {
            assertThat(BrokerProbe.bytes(message)).isEqualTo(body);
            assertThat(message.getStringProperty("VonageInvalidReason")).isEqualTo("body is not valid JSON");
            assertThat(message.getStringProperty("VonageEventType")).isEqualTo("inbound");
        });
    }

    @Test
    void parksAVerifiedEventWithoutItsRequiredFieldsAndAnswers200() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String json = Samples.withUuid("status-delivered", uuid).replace("\"status\":\"delivered\",", "");

        assertThat(postSigned(STATUS, json).statusCode()).isEqualTo(200);

        assertThat(stored(uuid)).isEmpty();
        assertThat(broker().browse(VonageQueues.INVALID, null))
                .anySatisfy(message -> assertThat(BrokerProbe.bytes(message))
                        .isEqualTo(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyConcurrent200IsReadableFromTheBroker() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<String> uuids = new ArrayList<>();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String uuid = UUID.randomUUID().toString();
            uuids.add(uuid);
            String json = Samples.withUuid(i % 2 == 0 ? "inbound-sms-text" : "status-submitted", uuid);
            String path = i % 2 == 0 ? INBOUND : STATUS;
            answers.add(clients.submit(() -> postSigned(path, json)));
        }
        for (int i = 0; i < uuids.size(); i++) {
            assertThat(answers.get(i).get().statusCode()).isEqualTo(200);
            assertThat(stored(uuids.get(i))).as("acknowledged event %s", uuids.get(i)).hasSize(1);
        }
        clients.shutdown();
    }

    /** Concurrent events are stored in shared transactions, which a retry already stored makes the broker refuse. */
    @Test
    void retriesArrivingAmongOtherEventsAreAnswered200AndStoredOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<String> uuids = new ArrayList<>();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            uuids.add(UUID.randomUUID().toString());
        }
        for (int copy = 0; copy < 3; copy++) {
            for (String uuid : uuids) {
                String json = Samples.withUuid("status-delivered", uuid);
                answers.add(clients.submit(() -> postSigned(STATUS, json)));
            }
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
        }
        for (String uuid : uuids) {
            assertThat(stored(uuid)).as("event %s", uuid).hasSize(1);
        }
        clients.shutdown();
    }
}
