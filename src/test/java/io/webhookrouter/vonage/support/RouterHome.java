package io.webhookrouter.vonage.support;

import java.nio.file.Path;

/**
 * The tests' own router home ({@code src/test/resources/router-home}): a copy of the default {@code routes/} and
 * {@code config/application.properties}. Every test that runs the router runs it on this copy, as its working
 * directory or by absolute paths, so that an operator's edit of the project's routes/ or config/ never changes
 * what a test checks.
 */
public final class RouterHome {

    /** Absolute, so that it means the same from any working directory (a router process runs in it). */
    public static final Path DIR = Path.of("src", "test", "resources", "router-home").toAbsolutePath();
    public static final Path ROUTES = DIR.resolve("routes");
    public static final Path PROPERTIES = DIR.resolve("config").resolve("application.properties");

    private RouterHome() {
    }

    /** The properties locations, as {@code camel.main} takes them: as the launcher reads them, from this home. */
    public static String propertiesLocation() {
        return "file:" + PROPERTIES + ";optional=true,classpath:vonage-webhook-router/standalone.properties";
    }

    /** {@code camel.main.routes-include-pattern} for some of the route files: {@code "*.camel.yaml"} for all. */
    public static String routesPattern(String files) {
        return "file:" + ROUTES.resolve(files);
    }
}
