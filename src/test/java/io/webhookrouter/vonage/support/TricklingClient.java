package io.webhookrouter.vonage.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final CompletableFuture<Answer> reader;
    /** One reader thread per slow client, so that each answer is timed when it comes. */
    private static final Executor READERS = runnable -> {
        Thread thread = new Thread(runnable, "trickling-client-reader");
        thread.setDaemon(true);
        thread.start();
    };

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
        reader = CompletableFuture.supplyAsync(this::readUntilClosed, READERS);
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
     * Waits for the answer until the server closes the connection, or until {@code within} after the client
     * started. The answer is read as it comes, by the client's own reader, so that its time is when it came and
     * not when the test got round to asking (after other clients' load, say).
     */
    public Answer awaitAnswer(Duration within) throws IOException, InterruptedException {
        long waitMillis = Math.max(1, Duration.between(Instant.now(), startedAt.plus(within)).toMillis());
        try {
            return reader.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException notClosedInTime) {
            // what has come so far, from a connection the server left open
            socket.close();
            return reader.join();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** Reads until the server closes the connection (or the test closes the socket); the trickle stops at the answer. */
    private Answer readUntilClosed() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long answeredAfterMillis = -1;
        boolean closedByServer = false;
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (answeredAfterMillis < 0) {
                    answeredAfterMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                    // a client that got its answer has nothing more to say
                    trickle.cancel(false);
                }
                received.write(buffer, 0, read);
            }
            closedByServer = true;
        } catch (IOException closedOrReset) {
            // a reset is the server closing too; a socket this client closed itself is not
            closedByServer = !socket.isClosed();
        }
        trickle.cancel(false);
        return answer(received.toByteArray(), answeredAfterMillis, closedByServer);
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
