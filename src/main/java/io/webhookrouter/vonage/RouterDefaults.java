package io.webhookrouter.vonage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesSource;

/**
 * Every router setting with its environment variable and default ({@code vonage-webhook-router/defaults.properties},
 * each value {@code {{env:VARIABLE:default}}}), for the standalone router and for an application that includes the
 * route files from the library jar alike. Camel's properties component finds this source through
 * {@code META-INF/services/org/apache/camel/properties-source-factory}, asks it last, so any property of the
 * application wins, and resolves the {@code env:} placeholder of the value it gets.
 */
public final class RouterDefaults implements PropertiesSource, Ordered {

    static final String RESOURCE = "vonage-webhook-router/defaults.properties";

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\{\\{env:([A-Z][A-Z0-9_]*):(.*)}}");

    // the file is the library's, the same for every context of the JVM: read once
    private static final Map<String, Setting> SETTINGS = load();

    /** A router setting: its property, the environment variable that overrides it, and its default. */
    public record Setting(String key, String variable, String defaultValue) {

        String placeholder() {
            return "{{env:" + variable + ":" + defaultValue + "}}";
        }
    }

    @Override
    public String getName() {
        return RESOURCE;
    }

    @Override
    public String getProperty(String name) {
        Setting setting = SETTINGS.get(name);
        return setting == null ? null : setting.placeholder();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }

    /** The router's settings by property name, in order of their names. */
    public static Map<String, Setting> settings() {
        return SETTINGS;
    }

    /** The environment variable of a router setting, or null for a property that is not one. */
    public static String variableOf(String key) {
        Setting setting = SETTINGS.get(key);
        return setting == null ? null : setting.variable();
    }

    private static Map<String, Setting> load() {
        Properties file = new Properties();
        try (InputStream in = RouterDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Setting> settings = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            Matcher value = ENV_DEFAULT.matcher(file.getProperty(key));
            // the documentation and the error messages name the variable: a setting without one is a slip here
            if (!value.matches()) {
                throw new IllegalStateException(RESOURCE + ": " + key + " is not {{env:VARIABLE:default}}");
            }
            settings.put(key, new Setting(key, value.group(1), value.group(2)));
        }
        return Collections.unmodifiableMap(settings);
    }
}
