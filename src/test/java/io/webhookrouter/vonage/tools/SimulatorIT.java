package io.webhookrouter.vonage.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.webhookrouter.vonage.broker.VonageQueues;
import io.webhookrouter.vonage.support.BrokerProbe;
import io.webhookrouter.vonage.support.RouterProcess;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.ToolRun;
import io.webhookrouter.vonage.support.ToolProcess;

/** {@code java -jar ... simulate} against the packaged router, both in processes of their own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorIT {

    private RouterProcess router;
    private BrokerProbe broker;

    @BeforeAll
    void startRouter() throws Exception {
        router = new RouterProcess(Files.createTempDirectory("simulator-it"), "simulator-it").start();
        broker = new BrokerProbe(router.brokerUrl());
    }

    @AfterAll
    void stopRouter() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private ToolProcess.Result simulate(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("simulate"));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", router.webhook("inbound").resolve("/").toString()));
        return ToolProcess.run(Map.of("VONAGE_SIGNATURE_SECRET", RouterTestSupport.SECRET),
                command.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "inbound, sms,           text,          vonage.inbound.sms",
            "inbound, whatsapp,      order,         vonage.inbound.whatsapp",
            "status,  viber_service, read,          vonage.status.read",
            "status,  whatsapp,      rejected,      vonage.status.rejected",
    })
    void aSimulatedWebhookIsAcceptedAndRoutedToItsQueue(String kind, String channel, String detail, String queue)
            throws Exception {
        ToolProcess.Result run = simulate(kind, "--channel", channel,
                kind.equals("inbound") ? "--message-type" : "--status", detail);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("HTTP/1.1 200");
        String uuid = run.messageUuids().get(0);
        Message routed = broker.receive(queue, "VonageMessageUuid = '" + uuid + "'", 10_000);
        assertThat(routed).as("routed to " + queue).isNotNull();
        assertThat(routed.getStringProperty("VonageChannel")).isEqualTo(channel);
        JsonNode body = new ObjectMapper().readTree(((TextMessage) routed).getText());
        assertThat(body.get("message_uuid").asText()).isEqualTo(uuid);
        assertThat(body.get(kind.equals("inbound") ? "message_type" : "status").asText()).isEqualTo(detail);
        if (detail.equals("rejected")) {
            assertThat(body.get("error").get("title").asInt()).isPositive();
        }
    }

    @Test
    void everyForgedRequestIsRefusedAndNoneIsRouted() throws Exception {
        ToolProcess.Result run = simulate("status", "--status", "delivered", "--forge");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("5 of 5 forged requests refused as expected");
        assertThat(run.output().split("HTTP/1.1 401", -1)).hasSize(5);
        assertThat(run.output().split("HTTP/1.1 503", -1)).hasSize(2);
        List<String> uuids = run.messageUuids();
        assertThat(uuids).hasSize(5).doesNotHaveDuplicates();

        // a good event sent after them is routed: had any forged one been stored, it would have been routed by now
        ToolProcess.Result control = simulate("status", "--status", "delivered");
        assertThat(control.exitCode()).as(control.toString()).isZero();
        assertThat(broker.receive("vonage.status.delivered",
                "VonageMessageUuid = '" + control.messageUuids().get(0) + "'", 10_000)).isNotNull();
        for (String uuid : uuids) {
            for (String queue : broker.queues()) {
                assertThat(broker.browseUuid(queue, uuid)).as(uuid + " in " + queue).isEmpty();
            }
        }
        assertThat(broker.browse(VonageQueues.INVALID, null)).isEmpty();
        Path archive = router.dataDir().resolve("archive");
        try (var files = Files.exists(archive) ? Files.walk(archive) : java.util.stream.Stream.<Path>empty()) {
            assertThat(files.map(Path::toString)).noneMatch(f -> uuids.stream().anyMatch(f::contains));
        }
    }

    // the checks below need no process of their own: the same code, run in this JVM

    @Test
    void aRefusedWebhookMakesTheSimulatorFail() {
        ToolRun run = simulateInThisJvm("inbound", "--secret", "not-the-routers-secret",
                "--url", router.webhook("inbound").resolve("/").toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(OperatorTools.FAILED);
        assertThat(run.out()).contains("HTTP/1.1 401");
    }

    @Test
    void aCombinationVonageNeverSendsIsACommandLineError() {
        ToolRun run = simulateInThisJvm("status", "--channel", "sms", "--status", "read", "--secret", "s");

        assertThat(run.exitCode()).isEqualTo(OperatorTools.USAGE);
        assertThat(run.err()).contains("sms has no read receipts");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpNamesEveryOption() {
        ToolRun run = simulateInThisJvm("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--channel", "--status", "--message-type", "--file", "--url", "--secret",
                "--api-key", "--application-id", "--forge");
    }

    private static ToolRun simulateInThisJvm(String... args) {
        List<String> command = new ArrayList<>(List.of("simulate"));
        command.addAll(List.of(args));
        return ToolRun.inThisJvm(command);
    }

}
