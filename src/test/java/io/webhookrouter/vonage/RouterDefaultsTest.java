package io.webhookrouter.vonage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesSource;
import org.junit.jupiter.api.Test;

/** The library's defaults are the router's one place for its settings' defaults and environment variables. */
class RouterDefaultsTest {

    private static final String STANDALONE = "vonage-webhook-router/standalone.properties";

    @Test
    void camelFindsTheLibraryDefaultsAndResolvesTheirEnvironmentPlaceholders() throws Exception {
        RouterDefaults.Setting consumers = RouterDefaults.settings().get("routing.consumers");
        assumeTrue(System.getenv(consumers.variable()) == null,
                consumers.variable() + " is set in this environment");
        try (CamelContext camel = new DefaultCamelContext()) {
            assertThat(camel.getPropertiesComponent().resolveProperty("routing.consumers"))
                    .contains(consumers.defaultValue());
        }
    }

    @Test
    void anEnvironmentVariableNamedInADefaultWinsOverTheDefault() throws Exception {
        // no router variable can be relied on to be set here, PATH can: the same placeholder, in a source asked last
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().addPropertiesSource(new PropertiesSource() {
                @Override
                public String getName() {
                    return "like-the-library-defaults";
                }

                @Override
                public String getProperty(String name) {
                    return name.equals("probe.path") ? "{{env:PATH:no-path}}" : null;
                }
            });
            assertThat(camel.getPropertiesComponent().resolveProperty("probe.path")).contains(System.getenv("PATH"));
        }
    }

    @Test
    void everyRouterSettingNamesAnEnvironmentVariableOfItsOwn() {
        assertThat(RouterDefaults.settings()).isNotEmpty();
        assertThat(RouterDefaults.settings().values()).extracting(RouterDefaults.Setting::variable)
                .doesNotHaveDuplicates()
                .allMatch(variable -> variable.matches("[A-Z][A-Z0-9_]*"));
    }

    @Test
    void theStandaloneConfigurationRepeatsNoRouterDefault() throws IOException {
        Properties standalone = new Properties();
        try (InputStream in = RouterDefaults.class.getClassLoader().getResourceAsStream(STANDALONE)) {
            standalone.load(in);
        }
        assertThat(standalone.stringPropertyNames()).doesNotContainAnyElementsOf(RouterDefaults.settings().keySet());
    }
}
