package io.webhookrouter.vonage;

import java.util.Arrays;

import org.apache.camel.main.Main;

import io.webhookrouter.vonage.ingest.WebhookHttpServerFactory;
import io.webhookrouter.vonage.metrics.RouteMetricsScope;
import io.webhookrouter.vonage.tools.OperatorTools;

/** Starts the router from the project root: {@code config/application.properties} and {@code routes/}. */
public final class VonageWebhookRouter {

    /** The operator's settings, optional: whatever they set wins over the jar's. */
    static final String OPERATOR_SETTINGS = "file:config/application.properties";
    /** Camel's settings of the standalone router (the router's own are in the library's defaults). */
    static final String STANDALONE_SETTINGS = "classpath:vonage-webhook-router/standalone.properties";

    private VonageWebhookRouter() {
    }

    public static void main(String... args) throws Exception {
        if (OperatorTools.handles(args)) {
            System.exit(OperatorTools.run(args));
        }
        if (args.length > 0 && args[0].equals(OperatorTools.RUN)) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        Main main = new Main();
        main.configure().addConfiguration(RouterConfiguration.class);
        // the jar's metrics only: an application that includes the router keeps Camel's metrics as it set them
        main.configure().addConfiguration(RouteMetricsScope.class);
        // Camel main looks its HTTP server factory up before the configuration class binds anything
        main.bind("webhookHttpServerFactory", new WebhookHttpServerFactory());
        // the operator's file first: Camel asks the locations in order, so its values win over the jar's
        main.setPropertyPlaceholderLocations(OPERATOR_SETTINGS + ";optional=true," + STANDALONE_SETTINGS);
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            MissingSetting missing = findMissingSetting(e);
            if (missing == null) {
                throw e;
            }
            System.err.println("vonage-webhook-router: " + missing.getMessage());
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    private static MissingSetting findMissingSetting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MissingSetting missing) {
                return missing;
            }
        }
        return null;
    }
}
