package io.webhookrouter.vonage.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The loopback ports of one target run. Fixed ports can be asked for (-Dbench.httpPort=...); by default each run
 * takes ports that are free at that moment, so that it cannot collide with a router or a test someone else runs
 * on a well-known port of the same machine.
 */
public record Ports(int http, int management, int broker) {

    public static Ports choose(BenchSettings settings) {
        return new Ports(orFree(settings.httpPort()), orFree(settings.managementPort()), orFree(settings.brokerPort()));
    }

    private static int orFree(int configured) {
        if (configured == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        refuseBusy(configured);
        return configured;
    }

    private static void refuseBusy(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException free) {
            return;
        }
        throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use: is another run going?");
    }
}
