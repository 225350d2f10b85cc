package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.io.InputStream;

/** The body of an answer sent with {@code Transfer-Encoding: chunked}, decoded. */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long remainingInChunk;
    private boolean ended;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remainingInChunk == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
        if (n < 0) {
            throw new IOException("connection closed inside a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            HttpGet.readLine(in); // the CRLF after the chunk's data
        }
        return n;
    }

    /** Reads the next chunk's size line; false at the last (empty) chunk, after its trailers. */
    private boolean nextChunk() throws IOException {
        if (ended) {
            return false;
        }
        String sizeLine = HttpGet.readLine(in);
        int extension = sizeLine.indexOf(';');
        String size = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
        try {
            remainingInChunk = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + size);
        }
        if (remainingInChunk < 0) {
            throw new IOException("negative chunk size");
        }
        if (remainingInChunk == 0) {
            ended = true;
            while (!HttpGet.readLine(in).isEmpty()) {
                // trailers: nothing the router needs
            }
            return false;
        }
        return true;
    }
}
