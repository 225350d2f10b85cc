package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.RouterHome;
import io.webhookrouter.vonage.support.RouterTestSupport;
import io.webhookrouter.vonage.support.Samples;

/** An operator changes a destination by editing one line of a copy of the default route files. */
class EditedRoutesIT extends RouterTestSupport {

    private Path routes;

    private synchronized Path routes() {
        if (routes == null) {
            try {
                routes = Files.createTempDirectory("edited-routes");
                try (Stream<Path> shipped = Files.list(RouterHome.ROUTES)) {
                    for (Path file : shipped.toList()) {
                        Files.copy(file, routes.resolve(file.getFileName()));
                    }
                }
                // the one-line edit of the README's worked example
                editRouting("- to: jms:queue:vonage.status.rejected", "- to: jms:queue:ops.rejected");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routes;
    }

    private void editRouting(String line, String replacement) throws IOException {
        Path routing = routes.resolve("routing.camel.yaml");
        String before = Files.readString(routing);
        assertThat(before).contains(line);
        Files.writeString(routing, before.replace(line, replacement));
    }

    @Override
    protected Properties routerProperties() {
        Properties properties = new Properties();
        properties.put("camel.main.routes-include-pattern", "file:" + routes() + "/*.camel.yaml");
        properties.put("camel.main.routes-reload-directory", routes().toString());
        return properties;
    }

    @Test
    void sendsRejectedStatusesWhereTheEditedLineSays() throws Exception {
        String uuid = UUID.randomUUID().toString();

        assertThat(postSigned("/webhooks/status", Samples.withUuid("status-rejected", uuid)).statusCode()).isEqualTo(200);

        assertThat(broker().receive("ops.rejected", "VonageMessageUuid = '" + uuid + "'", 10_000)).isNotNull();
        assertThat(broker().browseUuid("vonage.status.rejected", uuid)).isEmpty();
    }

    @Test
    void picksUpAnEditWhileRunningWhenRouteReloadingIsOn() throws Exception {
        editRouting("- to: jms:queue:vonage.status.read", "- to: jms:queue:ops.read");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            String uuid = UUID.randomUUID().toString();
            assertThat(postSigned("/webhooks/status", Samples.withUuid("status-read", uuid)).statusCode())
                    .isEqualTo(200);
            assertThat(broker().receive("ops.read", "VonageMessageUuid = '" + uuid + "'", 2_000)).isNotNull();
        });
    }
}
