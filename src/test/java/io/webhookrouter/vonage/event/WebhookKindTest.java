package io.webhookrouter.vonage.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookKindTest {

    @Test
    void findsEachKindByItsEventTypeAndNoneByAnythingElse() {
        for (WebhookKind kind : WebhookKind.values()) {
            assertThat(WebhookKind.ofEventType(kind.eventType())).contains(kind);
        }
        assertThat(WebhookKind.ofEventType("Inbound")).isEmpty();
        assertThat(WebhookKind.ofEventType(null)).isEmpty();
    }
}
