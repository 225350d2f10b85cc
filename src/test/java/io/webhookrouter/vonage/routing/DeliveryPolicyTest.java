package io.webhookrouter.vonage.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    @Test
    void theDefaultPolicyRetriesLikeVonageForADay() {
        DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), Duration.ofHours(24));
        // 1+2+...+256 s = 511 s in 9 retries, then every 300 s: 286 more within the day
        assertThat(policy.maxAttempts()).isEqualTo(1 + 9 + 286);
    }

    @Test
    void countsTheFirstDeliveryAsAnAttempt() {
        DeliveryPolicy policy = new DeliveryPolicy(Duration.ofMillis(200), 2, Duration.ofMillis(800), Duration.ofSeconds(5));
        // waits of 200, 400, 800, 800, 800, 800, 800 ms = 4.6 s
        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(policy.isLastAttempt(7)).isFalse();
        assertThat(policy.isLastAttempt(8)).isTrue();
    }

    @Test
    void treatsAMessageWithoutDeliveryCountAsItsLastAttempt() {
        DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), 2, Duration.ofMinutes(5), Duration.ofHours(24));
        assertThat(policy.isLastAttempt((Integer) null)).isTrue();
    }

    @Test
    void refusesAPolicyThatCannotWait() {
        assertThatThrownBy(() -> new DeliveryPolicy(Duration.ZERO, 2, Duration.ofMinutes(5), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
