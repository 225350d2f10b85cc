package io.webhookrouter.vonage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Puts what the system holds of a file or directory in its page cache on disk. */
public final class FileSync {

    private FileSync() {
    }

    /**
     * fsync(2) of a file, or of a directory, which is how a new name in it (a file created, or renamed into place)
     * survives a power loss. Opened for reading: the only way a directory opens, and enough for fsync.
     */
    public static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
