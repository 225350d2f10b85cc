package io.webhookrouter.vonage;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;

/** The SMTP login of the alert emails, on Camel's smtp component that the alert route sends with. */
final class SmtpCredentials {

    private SmtpCredentials() {
    }

    /** Only when a user is configured: an empty user still makes JavaMail try to log in. */
    static void configure(CamelContext camelContext, RouterSettings.Alerts alerts) {
        if (!alerts.smtpUser().isBlank()) {
            MailConfiguration mail = camelContext.getComponent("smtp", MailComponent.class).getConfiguration();
            mail.setUsername(alerts.smtpUser());
            mail.setPassword(alerts.smtpPassword());
        }
    }
}
