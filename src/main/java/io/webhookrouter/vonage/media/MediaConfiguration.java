package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.MissingSetting;
import io.webhookrouter.vonage.RouterSettings;
import io.webhookrouter.vonage.event.MessagesApi;

/**
 * Wires media capture from the router's settings: the {@code mediaCapture} bean the route files refer to, and its
 * metrics. Added by RouterConfiguration, so that an application that uses the router as a library gets it with the
 * routes that need it.
 */
public final class MediaConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MediaConfiguration.class);

    private MediaConfiguration() {
    }

    /** Binds {@code mediaCapture} before the routes that refer to it start, and its metrics once the registry is up. */
    public static void addTo(CamelContext camelContext, RouterSettings settings) throws Exception {
        RouterSettings.Media media = settings.media();
        MediaMetrics metrics = new MediaMetrics(Set.copyOf(MessagesApi.CHANNELS));
        MediaDownloader downloader = downloader(settings);
        camelContext.getRegistry().bind("mediaCapture", MediaCapture.class, new MediaCapture(media.captureEnabled(),
                new MediaStore(settings.dataDir().resolve("media")), downloader, media.retryFor(), metrics,
                Clock.systemUTC()));
        // its pooled connections are closed with the context
        camelContext.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws IOException {
                downloader.close();
            }
        });
        camelContext.addStartupListener((context, alreadyStarted) -> {
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (registry != null) {
                metrics.bindTo(registry);
            }
        });
        if (media.captureEnabled()) {
            LOG.info("Media capture is on: media of inbound events from {} go to {}{}", media.allowedHosts(),
                    settings.dataDir().resolve("media"),
                    media.privateKeyFile().isBlank() ? "" : ", downloaded with Secure Inbound Media tokens");
        } else {
            LOG.info("Media capture is off: set MEDIA_CAPTURE_ENABLED=true to keep inbound media");
        }
    }

    private static MediaDownloader downloader(RouterSettings settings) {
        RouterSettings.Media media = settings.media();
        DownloadPolicy policy = new DownloadPolicy(HostAllowList.parse(media.allowedHosts()), media.allowHttp(),
                media.maxBytes(), media.connectTimeout(), media.readTimeout());
        // the key is read only when capture is on: a router that does not capture needs no key file
        Supplier<String> authorization = media.captureEnabled()
                ? authorization(settings.signature().applicationId(), media.privateKeyFile()) : () -> null;
        return new MediaDownloader(policy, InetAddress::getAllByName, authorization);
    }

    /** Secure Inbound Media: a token per download when the application's key is given, else none. */
    private static Supplier<String> authorization(String applicationId, String privateKeyFile) {
        if (privateKeyFile.isBlank()) {
            return () -> null;
        }
        if (applicationId.isBlank()) {
            throw new MissingSetting("VONAGE_APPLICATION_PRIVATE_KEY_FILE is set but VONAGE_APPLICATION_ID is not: "
                    + "Secure Inbound Media tokens name the application the key belongs to");
        }
        return new MediaToken(applicationId, readKey(Path.of(privateKeyFile.trim())), Clock.systemUTC())::authorization;
    }

    private static RSAPrivateKey readKey(Path file) {
        try {
            return PrivateKeyPem.parse(Files.readString(file));
        } catch (IOException e) {
            throw new MissingSetting("VONAGE_APPLICATION_PRIVATE_KEY_FILE names " + file + ", which cannot be read: "
                    + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MissingSetting("VONAGE_APPLICATION_PRIVATE_KEY_FILE names " + file + ", which holds no usable "
                    + "key: " + e.getMessage());
        }
    }
}
