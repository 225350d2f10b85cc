package io.webhookrouter.vonage.ingest;

import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Camel main's webhook server ({@code camel.server.*}), configured as Camel configures it, with one difference:
 * the router's {@link PlatformHttpFallbacks} are on it before it accepts its first connection. Camel's own server
 * listens before the routes are there and answers {@code 404} meanwhile, which Vonage takes as final: every callback
 * arriving while a router starts would be lost. Camel main looks this factory up in the registry, so it must be bound
 * before Camel main configures itself (the launcher does, {@code Main.bind}).
 */
public final class WebhookHttpServerFactory implements MainHttpServerFactory {

    private final DefaultMainHttpServerFactory camelDefaults = new DefaultMainHttpServerFactory();

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        MainHttpServer configured = (MainHttpServer) camelDefaults.newHttpServer(camelContext, configuration);
        WebhookHttpServer server = new WebhookHttpServer();
        server.setCamelContext(camelContext);
        server.setConfiguration(configured.getConfiguration());
        server.setStaticEnabled(configured.isStaticEnabled());
        server.setStaticSourceDir(configured.getStaticSourceDir());
        server.setStaticContextPath(configured.getStaticContextPath());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext,
                                           HttpManagementServerConfigurationProperties configuration) {
        return camelDefaults.newHttpManagementServer(camelContext, configuration);
    }

    /** Camel main's server, around a Vert.x server that puts the fallbacks on its router before it listens. */
    private static final class WebhookHttpServer extends MainHttpServer {

        private VertxPlatformHttpServer vertxServer;

        @Override
        protected void doInit() throws Exception {
            getConfiguration().setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
            vertxServer = new FallbacksFirstServer(getConfiguration());
            // as Camel's does: the context stops it
            getCamelContext().addService(vertxServer);
        }

        @Override
        protected void doStart() throws Exception {
            ServiceHelper.startService(vertxServer);
            // the rest of Camel's start (consoles, start-up summary) finds the router by its port
            super.doStart();
        }
    }

    /** The Vert.x server with the fallbacks on its router before it listens (a named class: Camel names its thread). */
    private static final class FallbacksFirstServer extends VertxPlatformHttpServer {

        FallbacksFirstServer(VertxPlatformHttpServerConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected void startServer() throws Exception {
            PlatformHttpFallbacks fallbacks = getCamelContext().getRegistry().findSingleByType(PlatformHttpFallbacks.class);
            if (fallbacks != null) {
                fallbacks.installOn(getCamelContext());
            }
            super.startServer();
        }
    }
}
