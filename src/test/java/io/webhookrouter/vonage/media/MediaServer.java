package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** A media server of the test's own, on 127.0.0.1, http or https: serves, fails, stalls, and counts the requests per path. */
public final class MediaServer implements AutoCloseable {

    private final HttpServer server;
    private final String scheme;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    /** Plain http. */
    public MediaServer() throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    }

    /** https, with the key and certificate of the context (see {@link TestCertificates}). */
    public MediaServer(SSLContext tls) throws IOException {
        this(https(tls), "https");
    }

    private MediaServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private static HttpServer https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return server;
    }

    public String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The same path on a host name the tests do not allow. */
    public String urlOnLocalhost(String path) {
        return scheme + "://localhost:" + server.getAddress().getPort() + path;
    }

    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    public String authorization(String path) {
        return authorizations.get(path);
    }

    /** 200 with the bytes and a Content-Length. */
    public MediaServer serve(String path, String contentType, byte[] body) {
        return handle(path, exchange -> send(exchange, 200, contentType, body, body.length));
    }

    /** 200 with the bytes, chunked: no Content-Length to go by. */
    public MediaServer serveChunked(String path, String contentType, byte[] body) {
        return handle(path, exchange -> send(exchange, 200, contentType, body, 0));
    }

    /** 200, chunked, and bytes that never end: only a client that cuts the connection gets away. */
    public MediaServer serveEndless(String path, String contentType) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[8192];
            while (true) {
                out.write(chunk);
            }
        });
    }

    public MediaServer status(String path, int status) {
        return handle(path, exchange -> send(exchange, status, "text/plain", new byte[0], -1));
    }

    /** 302 to the location. */
    public MediaServer handleRedirect(String path, String location) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            send(exchange, 302, "text/plain", new byte[0], -1);
        });
    }

    /** Answers 503 to the first {@code failures} requests, then serves the bytes. */
    public MediaServer failFirst(String path, int failures, String contentType, byte[] body) {
        return handle(path, exchange -> {
            if (requests(path) <= failures) {
                send(exchange, 503, "text/plain", new byte[0], -1);
            } else {
                send(exchange, 200, contentType, body, body.length);
            }
        });
    }

    /** Serves the bytes only to a request whose Authorization the check accepts; 401 otherwise. */
    public MediaServer requireAuthorization(String path, Predicate<String> accepted, String contentType, byte[] body) {
        return handle(path, exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && accepted.test(authorization)) {
                send(exchange, 200, contentType, body, body.length);
            } else {
                send(exchange, 401, "text/plain", new byte[0], -1);
            }
        });
    }

    /**
     * The first request gets a Content-Length and half the bytes, then the connection hangs until released (the
     * router is killed meanwhile); later requests get the whole body.
     */
    public MediaServer stallFirst(String path, String contentType, byte[] body, CountDownLatch stalled,
                                  CountDownLatch release) {
        return handle(path, exchange -> {
            if (requests(path) == 1) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            } else {
                send(exchange, 200, contentType, body, body.length);
            }
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private MediaServer handle(String path, Handler handler) {
        server.createContext(path, exchange -> {
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.put(path, authorization);
            }
            try {
                handler.handle(exchange);
            } catch (IOException closedByTheClient) {
                // a download the router gave up (over the cap) or was killed in
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, long length)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, length);
        if (length >= 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
