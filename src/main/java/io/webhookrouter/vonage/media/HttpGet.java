package io.webhookrouter.vonage.media;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET to an address chosen beforehand. The JDK's HttpClient resolves the host itself, at connect
 * time, so an address checked before could differ from the one it connects to (DNS rebinding); here the socket
 * goes to the checked address, while TLS still sends the host name (SNI) and verifies the certificate against it.
 */
final class HttpGet implements Closeable {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADERS = 100;

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    private HttpGet(Socket socket, int status, Map<String, String> headers, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * Sends the request and reads the answer's head; the body is left to stream.
     *
     * @param extraHeaders header names and values to send (an Authorization, say)
     */
    static HttpGet send(URI uri, InetAddress address, Map<String, String> extraHeaders, Duration connectTimeout,
                        Duration readTimeout) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            Socket channel = https ? tls(socket, uri.getHost(), port) : socket;
            writeRequest(channel.getOutputStream(), uri, extraHeaders);
            InputStream in = new BufferedInputStream(channel.getInputStream());
            int status;
            Map<String, String> headers;
            do {
                // a 1xx answer (100 Continue) comes before the real one
                status = statusOf(readLine(in));
                headers = readHeaders(in);
            } while (status >= 100 && status < 200);
            return new HttpGet(channel, status, headers, body(in, headers));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket tls(Socket plain, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        // the certificate must be the host's, although the socket was opened to an address
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static void writeRequest(OutputStream out, URI uri, Map<String, String> extraHeaders) throws IOException {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder request = new StringBuilder()
                .append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(uri.getPort() == -1 ? "" : ":" + uri.getPort())
                .append("\r\n")
                .append("User-Agent: vonage-webhook-router\r\n")
                .append("Accept: */*\r\n")
                // the stored bytes must be the media's own, and the size cap must count them
                .append("Accept-Encoding: identity\r\n")
                .append("Connection: close\r\n");
        extraHeaders.forEach((name, value) -> {
            // a URI cannot hold a line break; a header value could, and would end the request early
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line break in the value of header " + name);
            }
            request.append(name).append(": ").append(value).append("\r\n");
        });
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static int statusOf(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + parts[1]);
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            if (headers.size() > MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " headers");
            }
        }
        return headers;
    }

    private static InputStream body(InputStream in, Map<String, String> headers) throws IOException {
        String transferEncoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (transferEncoding.contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return new LengthInputStream(in, Long.parseLong(length));
            } catch (NumberFormatException e) {
                throw new IOException("not a Content-Length: " + length);
            }
        }
        // Connection: close: the body ends with the connection
        return in;
    }

    /** A line ending in CRLF (or LF), without it; ISO-8859-1, as HTTP heads are. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the answer's head");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("answer line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    int status() {
        return status;
    }

    /** A header of the answer (names in any case), or null. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Content-Length, or -1 when the answer gives none. */
    long contentLength() {
        String length = header("content-length");
        return length == null || header("transfer-encoding") != null ? -1 : Long.parseLong(length);
    }

    InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
