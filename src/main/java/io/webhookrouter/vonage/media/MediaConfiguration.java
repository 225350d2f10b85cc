package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.webhookrouter.vonage.MissingSetting;
import io.webhookrouter.vonage.broker.VonageQueues;

/**
 * Wires media capture (the MEDIA_* settings): the {@code mediaCapture} bean the route files refer to, and its
 * metrics. Added by RouterConfiguration ({@link #addTo}), so that an application that uses the router as a library
 * gets it with the routes that need it.
 */
@Configuration
public class MediaConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MediaConfiguration.class);

    @PropertyInject(value = "media.capture-enabled", defaultValue = "false")
    private boolean enabled;
    @PropertyInject(value = "media.allowed-hosts", defaultValue = "api.nexmo.com,*.nexmo.com,*.vonage.com")
    private String allowedHosts;
    @PropertyInject(value = "media.allow-http", defaultValue = "false")
    private boolean allowHttp;
    @PropertyInject(value = "media.max-bytes", defaultValue = "104857600")
    private long maxBytes;
    @PropertyInject(value = "media.retry-for-seconds", defaultValue = "172800")
    private long retryForSeconds;
    @PropertyInject(value = "media.connect-timeout-millis", defaultValue = "10000")
    private long connectTimeoutMillis;
    @PropertyInject(value = "media.read-timeout-millis", defaultValue = "30000")
    private long readTimeoutMillis;
    @PropertyInject(value = "vonage.application-id", defaultValue = "")
    private String applicationId;
    @PropertyInject(value = "vonage.application-private-key-file", defaultValue = "")
    private String privateKeyFile;
    @PropertyInject(value = "router.data-dir", defaultValue = "data")
    private String dataDir;

    private final MediaMetrics metrics = new MediaMetrics(Set.copyOf(VonageQueues.CHANNELS));
    private MediaCapture mediaCapture;

    /**
     * Adds this configuration to a context being configured, as camel-main does with a configuration class: its
     * settings injected, its beans bound, then {@link #configure}.
     */
    public static void addTo(CamelContext camelContext) throws Exception {
        MediaConfiguration configuration = new MediaConfiguration();
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(camelContext);
        beans.postProcessBeforeInitialization(configuration, MediaConfiguration.class.getName());
        beans.postProcessAfterInitialization(configuration, MediaConfiguration.class.getName());
        configuration.configure(camelContext);
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        MediaCapture capture = mediaCapture();
        camelContext.addStartupListener((context, alreadyStarted) -> {
            MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (registry != null) {
                metrics.bindTo(registry);
            }
        });
        if (capture.isEnabled()) {
            LOG.info("Media capture is on: media of inbound events from {} go to {}/media{}", allowedHosts, dataDir,
                    privateKeyFile.isBlank() ? "" : ", downloaded with Secure Inbound Media tokens");
        } else {
            LOG.info("Media capture is off: set MEDIA_CAPTURE_ENABLED=true to keep inbound media");
        }
    }

    @BindToRegistry("mediaCapture")
    public synchronized MediaCapture mediaCapture() {
        if (mediaCapture == null) {
            DownloadPolicy policy = new DownloadPolicy(HostAllowList.parse(allowedHosts), allowHttp, maxBytes,
                    Duration.ofMillis(connectTimeoutMillis), Duration.ofMillis(readTimeoutMillis));
            MediaDownloader downloader = new MediaDownloader(policy, InetAddress::getAllByName,
                    enabled ? authorization() : () -> null);
            mediaCapture = new MediaCapture(enabled, new MediaStore(Path.of(dataDir, "media")), downloader,
                    Duration.ofSeconds(retryForSeconds), metrics, Clock.systemUTC());
        }
        return mediaCapture;
    }

    /** Secure Inbound Media: a token per download when the application's key is given, else none. */
    private Supplier<String> authorization() {
        if (privateKeyFile.isBlank()) {
            return () -> null;
        }
        if (applicationId.isBlank()) {
            throw new MissingSetting("VONAGE_APPLICATION_PRIVATE_KEY_FILE is set but VONAGE_APPLICATION_ID is not: "
                    + "Secure Inbound Media tokens name the application the key belongs to");
        }
        return new MediaToken(applicationId, readKey(Path.of(privateKeyFile.trim())), Clock.systemUTC())::authorization;
    }

    private static java.security.interfaces.RSAPrivateKey readKey(Path file) {
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
