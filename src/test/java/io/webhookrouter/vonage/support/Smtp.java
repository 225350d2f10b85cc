package io.webhookrouter.vonage.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on a port chosen up front, so that it can be started after the router; the port
 * comes from {@link FreePorts}, since it may stay unbound for a long while (an SMTP outage) before it is started.
 */
public final class Smtp implements AutoCloseable {

    private final int port;
    private GreenMail server;

    public Smtp() {
        port = FreePorts.next();
    }

    public int port() {
        return port;
    }

    /** The router's settings that send alerts for failed deliveries to this server. */
    public java.util.Properties alertSettings() {
        java.util.Properties properties = new java.util.Properties();
        properties.put("smtp.host", "127.0.0.1");
        properties.put("smtp.port", String.valueOf(port));
        properties.put("alert.email-to", "ops@example.com");
        return properties;
    }

    public synchronized GreenMail start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return server;
    }

    public synchronized GreenMail server() {
        return server;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
