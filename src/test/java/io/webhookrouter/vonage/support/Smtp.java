package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** A real SMTP server (GreenMail) on a port chosen up front, so that it can be started after the router. */
public final class Smtp implements AutoCloseable {

    private final int port;
    private GreenMail server;

    public Smtp() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
