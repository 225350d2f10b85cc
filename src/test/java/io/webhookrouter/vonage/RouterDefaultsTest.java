package io.webhookrouter.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The library's defaults (for an application that includes the router's routes) are a copy of the standalone
 * router's: this keeps the two from drifting apart.
 */
class RouterDefaultsTest {

    /** {@code {{env:VARIABLE:default}}}, the form of every overridable value in config/application.properties. */
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\{\\{env:[A-Z0-9_]+:(.*)}}");

    @Test
    void everyLibraryDefaultIsTheStandaloneRoutersDefault() throws IOException {
        Properties standalone = load(Path.of("config/application.properties"));
        RouterDefaults library = new RouterDefaults();
        Properties libraryFile = load(Path.of("src/main/resources", RouterDefaults.RESOURCE));

        assertThat(libraryFile.stringPropertyNames()).isNotEmpty();
        for (String name : libraryFile.stringPropertyNames()) {
            assertThat(standalone.getProperty(name)).as("%s in config/application.properties", name).isNotNull();
            Matcher placeholder = ENV_DEFAULT.matcher(standalone.getProperty(name));
            String standaloneDefault = placeholder.matches() ? placeholder.group(1) : standalone.getProperty(name);
            assertThat(library.getProperty(name)).as(name).isEqualTo(standaloneDefault);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
