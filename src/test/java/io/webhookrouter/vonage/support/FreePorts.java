package io.webhookrouter.vonage.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the servers a test starts later (a router process, a broker, an SMTP server), so that they
 * are still free when the server binds them.
 * <p>
 * A port the kernel hands out for {@code new ServerSocket(0)} comes from the ephemeral range, the same range
 * every outgoing connection on the machine takes its local port from: between the test closing that socket and
 * the router binding the port seconds later (a JVM start on a loaded machine), any connection made meanwhile
 * (the load of this test or of another build on the same machine) may be given it, and the router fails to
 * start with "Address already in use". The ports here come from below that range, where no connection gets one,
 * are checked to be bindable, and are never handed out twice by this JVM.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on and that no outgoing connection will be given. */
    public static int next() {
        int below = ephemeralRangeStart();
        if (below - LOWEST < 1000) {
            return kernelChosen();
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no bindable port between " + LOWEST + " and " + below);
    }

    private static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            // IANA's ephemeral range, which most other systems use
            return 49_152;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0)) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
