package org.example.host;

import org.apache.camel.main.Main;

/**
 * An existing camel-main application. Nothing here knows about Vonage: {@code application.properties} adds the
 * router's configuration class and route files from the library jar to the application's own routes.
 */
public final class HostApplication {

    private HostApplication() {
    }

    public static void main(String... args) throws Exception {
        create().run(args);
    }

    static Main create() {
        return new Main();
    }
}
