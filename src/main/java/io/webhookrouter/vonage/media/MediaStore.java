package io.webhookrouter.vonage.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

import io.webhookrouter.vonage.FileSync;

/**
 * The media directory, {@code DATA_DIR/media/<yyyy-MM-dd>/<message_uuid>/}. Every file is written under a
 * {@code .writing-} name, synced, then renamed into place: a reader, or a router restarted after a crash, never
 * sees half a file; the leftovers of a crashed attempt are removed when the event is captured again.
 */
final class MediaStore {

    static final String TEMP_PREFIX = ".writing-";
    // names that come from the payload must not be able to leave the media directory
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Path root;

    MediaStore(Path root) {
        this.root = root;
    }

    /** The event's directory, made if needed and emptied of any half-written file of an earlier attempt. */
    Path prepare(String day, String messageUuid) throws IOException {
        if (!DAY.matcher(day).matches() || !SAFE_SEGMENT.matcher(messageUuid).matches()) {
            throw new MediaRefused("not a safe media directory: " + day + "/" + messageUuid);
        }
        Path directory = Files.createDirectories(root.resolve(day).resolve(messageUuid));
        // their names, on disk before any file in them is (a directory unchanged since its last sync costs nothing)
        FileSync.sync(directory.getParent());
        FileSync.sync(root);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
        return directory;
    }

    /** What a writer does with the temporary file's stream. */
    interface Writer<T> {
        T writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code name} in the directory atomically; on any failure no file of that name changes. */
    <T> T write(Path directory, String name, Writer<T> writer) throws IOException {
        Path temp = Files.createTempFile(directory, TEMP_PREFIX, ".part");
        try {
            T result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                result = writer.writeTo(out);
                out.flush();
                // on disk before the broker is told the event is done with
                channel.force(true);
            }
            Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            // the new name, too
            FileSync.sync(directory);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The directory as the manifest names it: relative to DATA_DIR. */
    String relative(Path directory) {
        return root.getFileName() + "/" + root.relativize(directory).toString().replace('\\', '/');
    }
}
