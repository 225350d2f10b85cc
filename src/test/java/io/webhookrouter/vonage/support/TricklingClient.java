package io.webhookrouter.vonage.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow client on a raw socket: it sends the headers of a signed POST at once, then its body one byte per
 * second, until the server answers or closes the connection.
 */
public final class TricklingClient implements AutoCloseable {

    private final Socket socket;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final ScheduledFuture<?> trickle;
    private final AtomicInteger sent = new AtomicInteger();

    /** What came back: the status line and headers, the body, when it started and whether the server hung up. */
    public record Answer(String head, byte[] body, long afterMillis, boolean closedByServer) {

        public int status() {
            String[] statusLine = head.split(" ", 3);
            return statusLine.length < 2 ? 0 : Integer.parseInt(statusLine[1]);
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private TricklingClient(URI webhook, byte[] body, String authorization, ScheduledExecutorService ticker)
            throws IOException {
        socket = new Socket(webhook.getHost(), webhook.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + webhook.getPath() + " HTTP/1.1\r\n"
                + "Host: " + webhook.getHost() + ":" + webhook.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        trickle = ticker.scheduleAtFixedRate(() -> sendNextByte(out, body), 1, 1, TimeUnit.SECONDS);
    }

    /** Connects, sends the headers and starts trickling the body on the ticker. */
    public static TricklingClient start(URI webhook, byte[] body, String authorization,
                                        ScheduledExecutorService ticker) throws IOException {
        return new TricklingClient(webhook, body, authorization, ticker);
    }

    private void sendNextByte(OutputStream out, byte[] body) {
        int next = sent.getAndIncrement();
        if (next >= body.length) {
            trickle.cancel(false);
            return;
        }
        try {
            out.write(body[next]);
            out.flush();
        } catch (IOException closed) {
            trickle.cancel(false);
        }
    }

    /**
     * Reads until the server closes the connection, or until {@code within} after the client started. The trickle
     * stops as soon as the answer starts: a client that got its answer has nothing more to say.
     */
    public Answer awaitAnswer(Duration within) throws IOException {
        Instant deadline = startedAt.plus(within);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        long answeredAfterMillis = -1;
        boolean closed = false;
        byte[] buffer = new byte[4096];
        while (!closed && Instant.now().isBefore(deadline)) {
            socket.setSoTimeout((int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    closed = true;
                } else {
                    if (answeredAfterMillis < 0) {
                        answeredAfterMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                        trickle.cancel(false);
                    }
                    received.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException timeUp) {
                break;
            } catch (IOException reset) {
                closed = true;
            }
        }
        trickle.cancel(false);
        return answer(received.toByteArray(), answeredAfterMillis, closed);
    }

    private static Answer answer(byte[] received, long afterMillis, boolean closed) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        byte[] body = end < 0 ? new byte[0] : text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        return new Answer(head.toLowerCase(Locale.ROOT).startsWith("http/") ? head : "", body, afterMillis, closed);
    }

    @Override
    public void close() throws IOException {
        trickle.cancel(false);
        socket.close();
    }
}
