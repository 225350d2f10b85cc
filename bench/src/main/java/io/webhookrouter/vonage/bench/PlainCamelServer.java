package io.webhookrouter.vonage.bench;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * The "PLAIN CAMEL" baseline: camel-main on the same Vert.x platform-http server as the router, with a route per
 * webhook path that answers 200 and does nothing else (no verification, no broker).
 * <p>
 * Usage: {@code PlainCamelServer <port>}.
 */
public final class PlainCamelServer extends RouteBuilder {

    public static void main(String... args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.main.name", "plain-camel-baseline");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", args[0]);
        main.configure().addRoutesBuilder(new PlainCamelServer());
        System.exit(main.run(new String[0]));
    }

    @Override
    public void configure() {
        for (String path : new String[] {"/webhooks/inbound", "/webhooks/status"}) {
            from("platform-http:" + path + "?httpMethodRestrict=POST")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(200))
                    .setBody(constant(""));
        }
    }
}
