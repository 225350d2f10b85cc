package io.webhookrouter.vonage.tools.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.event.WebhookKind;

/** {@code simulate inbound --media-url}: events whose media a local test server serves. */
class SimulatedMediaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode generated(String channel, String messageType, String mediaUrl) throws Exception {
        return JSON.readTree(SimulatedEvent.generate(WebhookKind.INBOUND, channel, messageType, mediaUrl).body());
    }

    @Test
    void pointsAnImageOrAFileAtTheGivenMediaUrl() throws Exception {
        assertThat(generated("whatsapp", "image", "http://127.0.0.1:8000/photo.jpg").path("image").path("url").asText())
                .isEqualTo("http://127.0.0.1:8000/photo.jpg");
        JsonNode file = generated("messenger", "file", "http://127.0.0.1:8000/invoice.pdf").path("file");
        assertThat(file.path("url").asText()).isEqualTo("http://127.0.0.1:8000/invoice.pdf");
        assertThat(file.path("name").asText()).isEqualTo("invoice.pdf");
    }

    @Test
    void keepsAVonageLikeMediaUrlWithoutOne() throws Exception {
        assertThat(generated("whatsapp", "video", null).path("video").path("url").asText())
                .startsWith("https://api-eu.nexmo.com/v3/media/");
    }

    @Test
    void documentsTheOptionInItsHelp() {
        assertThat(SimulateCommand.help()).contains("--media-url");
    }
}
