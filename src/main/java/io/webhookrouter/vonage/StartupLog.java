package io.webhookrouter.vonage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.routing.AlertEmail;
import io.webhookrouter.vonage.routing.DeliveryPolicy;

/** What an operator reads at start-up about the settings in effect, and the warning a risky one deserves. */
final class StartupLog {

    // the logger of the configuration class, as before the split: log filters and readers keep finding these lines
    private static final Logger LOG = LoggerFactory.getLogger(RouterConfiguration.class);

    private StartupLog() {
    }

    static void externalBroker(RouterSettings.Broker broker) {
        LOG.info("Using the external Artemis broker at {}", broker.address());
    }

    static void settingsInEffect(RouterSettings settings, DeliveryPolicy deliveryPolicy, AlertEmail alertEmail) {
        LOG.info("Failed deliveries are retried {} times over {} s, then go to vonage.dead",
                deliveryPolicy.maxAttempts() - 1, settings.delivery().retryFor().toSeconds());
        if (!alertEmail.isEnabled()) {
            LOG.info("Email alerts are off: set SMTP_HOST and ALERT_EMAIL_TO to turn them on");
        }
        if (!settings.signature().verify()) {
            LOG.warn("WEBHOOK_SIGNATURE_VERIFY=false: webhooks are accepted WITHOUT checking Vonage's signature. "
                    + "Never run like this in production.");
        }
    }
}
