package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.io.InputStream;

/** A body of a stated length: ends there, and fails if the connection ends first (a cut-off download). */
final class LengthInputStream extends InputStream {

    private final InputStream in;
    private final long length;
    private long remaining;

    LengthInputStream(InputStream in, long length) {
        this.in = in;
        this.length = length;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(count, remaining));
        if (n < 0) {
            throw new IOException("connection closed after " + (length - remaining) + " of " + length + " bytes");
        }
        remaining -= n;
        return n;
    }
}
