package io.webhookrouter.vonage.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a body once more than {@code maxBytes} have come, whatever Content-Length said: a server can lie about
 * the length, or not give one, and the router never holds a body in memory to find out.
 */
final class CappedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    CappedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws MediaRefused {
        count += n;
        if (count > maxBytes) {
            throw new MediaRefused("media larger than MEDIA_MAX_BYTES (" + maxBytes + " bytes)");
        }
    }
}
