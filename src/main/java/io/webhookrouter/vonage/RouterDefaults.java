package io.webhookrouter.vonage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesSource;

/**
 * The router's defaults ({@code vonage-webhook-router/defaults.properties}) for an application that includes the
 * route files from the library jar and sets only the signature secret. Camel's properties component finds this
 * source through {@code META-INF/services/org/apache/camel/properties-source-factory} and asks it last, so any
 * property of the application wins.
 */
public final class RouterDefaults implements PropertiesSource, Ordered {

    static final String RESOURCE = "vonage-webhook-router/defaults.properties";

    private final Properties defaults = load();

    @Override
    public String getName() {
        return RESOURCE;
    }

    @Override
    public String getProperty(String name) {
        return defaults.getProperty(name);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }

    private static Properties load() {
        Properties defaults = new Properties();
        try (InputStream in = RouterDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }
}
