package io.webhookrouter.vonage.operating;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.ToolProcess;

/** {@code java -jar vonage-webhook-router.jar} with a setting it cannot use stops at once and says which one. */
class BadSettingIT {

    @Test
    void aSettingOfTheWrongFormStopsStartUpWithOneLineNamingItsVariable() throws Exception {
        ToolProcess.Result run = ToolProcess.run(
                Map.of("VONAGE_SIGNATURE_SECRET", "a-secret", "WEBHOOK_MAX_IN_FLIGHT", "abc"), "run");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.output())
                .contains("vonage-webhook-router: WEBHOOK_MAX_IN_FLIGHT (webhook.max-in-flight) must be a whole "
                        + "number of at least 1, got 'abc'")
                .doesNotContain("Exception", "\tat ");
    }
}
