package io.webhookrouter.vonage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The settings are read once from the properties, over the library's defaults, and a bad value is said clearly. */
class RouterSettingsTest {

    /** Properties as Camel gives them when no environment variable is set: the application's, then the defaults. */
    private static RouterSettings settings(Map<String, String> application) {
        return RouterSettings.read(key -> Optional.ofNullable(application.get(key)).or(() -> libraryDefault(key)));
    }

    private static Optional<String> libraryDefault(String key) {
        return Optional.ofNullable(RouterDefaults.settings().get(key)).map(RouterDefaults.Setting::defaultValue);
    }

    @Test
    void theLibraryDefaultsAloneMakeAWorkingRouter() {
        RouterSettings settings = settings(Map.of());

        assertThat(settings.dataDir()).isEqualTo(Path.of("data"));
        assertThat(settings.webhook()).isEqualTo(new RouterSettings.Webhook(8080, 512, 32, Duration.ofSeconds(12)));
        assertThat(settings.signature().verify()).isTrue();
        assertThat(settings.signature().maxTokenAge()).isEqualTo(Duration.ofHours(25));
        assertThat(settings.broker().isEmbedded()).isTrue();
        assertThat(settings.embeddedBroker()).isEqualTo(new RouterSettings.Embedded(61616, 200_000, 90, 64));
        assertThat(settings.routing()).isEqualTo(new RouterSettings.Routing(2, 20_000));
        assertThat(settings.delivery().policy().maxAttempts()).isEqualTo(296);
        assertThat(settings.alerts().emailFrom()).isEqualTo("vonage-webhook-router@localhost");
    }

    @Test
    void everyLibraryDefaultIsASettingTheRouterReadsAndNothingElseIsRead() {
        Set<String> read = new HashSet<>();
        RouterSettings.read(key -> {
            read.add(key);
            return libraryDefault(key);
        });

        // the webhook server's port is Camel main's setting, with Camel main's default
        assertThat(read).containsExactlyInAnyOrderElementsOf(
                union(RouterDefaults.settings().keySet(), Set.of("camel.server.port")));
    }

    @Test
    void anApplicationsPropertyReplacesTheDefault() {
        assertThat(settings(Map.of("webhook.max-in-flight", "64", "camel.server.port", "9090")).webhook())
                .isEqualTo(new RouterSettings.Webhook(9090, 64, 32, Duration.ofSeconds(12)));
    }

    @Test
    void aNumberThatIsNotOneStopsStartUpNamingTheVariableAndTheValue() {
        assertThatThrownBy(() -> settings(Map.of("webhook.max-in-flight", "abc")))
                .isInstanceOf(MissingSetting.class)
                .hasMessage("WEBHOOK_MAX_IN_FLIGHT (webhook.max-in-flight) must be a whole number of at least 1, "
                        + "got 'abc'");
    }

    @Test
    void aNumberOutOfItsRangeStopsStartUp() {
        assertThatThrownBy(() -> settings(Map.of("embedded-broker.port", "70000")))
                .isInstanceOf(MissingSetting.class)
                .hasMessage("EMBEDDED_BROKER_PORT (embedded-broker.port) must be a whole number from 0 to 65535, "
                        + "got '70000'");
    }

    @Test
    void signatureVerificationIsEitherTrueOrFalse() {
        assertThat(settings(Map.of("webhook.signature-verify", "FALSE")).signature().verify()).isFalse();
        assertThatThrownBy(() -> settings(Map.of("webhook.signature-verify", "no")))
                .isInstanceOf(MissingSetting.class)
                .hasMessage("WEBHOOK_SIGNATURE_VERIFY (webhook.signature-verify) must be true or false, got 'no'");
    }

    @Test
    void aMultiplierBelowOneStopsStartUp() {
        assertThatThrownBy(() -> settings(Map.of("delivery.multiplier", "0.5")))
                .isInstanceOf(MissingSetting.class)
                .hasMessage("DELIVERY_MULTIPLIER (delivery.multiplier) must be a number of at least 1, got '0.5'");
    }

    @Test
    void aLongestRetryDelayBelowTheFirstStopsStartUp() {
        assertThatThrownBy(() -> settings(Map.of("delivery.max-delay-millis", "500")))
                .isInstanceOf(MissingSetting.class)
                .hasMessage("DELIVERY_MAX_DELAY_MILLIS (delivery.max-delay-millis) must not be below "
                        + "DELIVERY_INITIAL_DELAY_MILLIS (delivery.initial-delay-millis), 1000, got '500'");
    }

    @Test
    void aMediaTimeoutOfZeroStopsStartUpRatherThanWaitingForEver() {
        assertThatThrownBy(() -> settings(Map.of("media.read-timeout-millis", "0")))
                .isInstanceOf(MissingSetting.class)
                .hasMessage("MEDIA_READ_TIMEOUT_MILLIS (media.read-timeout-millis) must be a whole number of at least 1, "
                        + "got '0'");
    }

    @Test
    void aPropertyNoSourceHasStopsStartUpNamingIt() {
        assertThatThrownBy(() -> RouterSettings.read(key -> Optional.empty()))
                .isInstanceOf(MissingSetting.class)
                .hasMessageEndingWith(" is not set");
    }

    @Test
    void secretsAndPasswordsStayOutOfTheSettingsText() {
        RouterSettings settings = settings(Map.of(
                "vonage.signature-secret", "the-signature-secret",
                "vonage.account-secrets", "key:the-account-secret",
                "broker.url", "tcp://mq:61616?password=the-url-password",
                "broker.password", "the-broker-password",
                "smtp.password", "the-smtp-password"));

        assertThat(settings.toString()).doesNotContain("the-signature-secret", "the-account-secret",
                "the-url-password", "the-broker-password", "the-smtp-password");
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        return union;
    }
}
