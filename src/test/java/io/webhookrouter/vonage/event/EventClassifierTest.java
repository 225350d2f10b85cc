package io.webhookrouter.vonage.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.webhookrouter.vonage.support.Samples;

class EventClassifierTest {

    private final EventClassifier classifier = new EventClassifier();

    @ParameterizedTest
    @ValueSource(strings = {"inbound-messenger-text", "inbound-messenger-unsupported", "inbound-mms-image",
            "inbound-rcs-vcard", "inbound-sms-text", "inbound-viber-text", "inbound-whatsapp-location",
            "inbound-whatsapp-reply", "inbound-whatsapp-text"})
    void classifiesEveryInboundSample(String name) throws Exception {
        ClassifiedEvent event = classifier.classify(WebhookKind.INBOUND, Samples.text(name));
        assertThat(event.kind()).isEqualTo(WebhookKind.INBOUND);
        assertThat(name).contains(event.channel().replace("_service", ""));
        assertThat(event.deduplicationKey()).isEqualTo("inbound:" + event.messageUuid());
        assertThat(event.messageType()).isNotBlank();
        assertThat(event.status()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"submitted", "delivered", "read", "rejected", "undeliverable"})
    void classifiesEveryStatusSample(String status) throws Exception {
        ClassifiedEvent event = classifier.classify(WebhookKind.STATUS, Samples.text("status-" + status));
        assertThat(event.status()).isEqualTo(status);
        assertThat(event.deduplicationKey()).isEqualTo("status:" + event.messageUuid() + ":" + status);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        String json = Samples.text("status-delivered").replaceFirst("\\{", "{\"brand_new_field\":{\"x\":[1,2]},");
        assertThat(classifier.classify(WebhookKind.STATUS, json).status()).isEqualTo("delivered");
    }

    @Test
    void refusesAStatusWithoutItsStatus() {
        String json = Samples.text("status-delivered").replace("\"status\":\"delivered\",", "");
        assertThatThrownBy(() -> classifier.classify(WebhookKind.STATUS, json))
                .isInstanceOf(InvalidEvent.class).hasMessageContaining("'status'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"text\"", "{\"channel\":\"sms\"", "{} {}",
            "{\"channel\":\"sms\",\"channel\":\"whatsapp\"}"})
    void refusesBodiesThatAreNotOneEventObject(String json) {
        assertThatThrownBy(() -> classifier.classify(WebhookKind.INBOUND, json)).isInstanceOf(InvalidEvent.class);
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> StrictUtf8.decode(latin1)).isInstanceOf(InvalidEvent.class);
    }
}
