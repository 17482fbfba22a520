package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read channels to live database files that stay open for the life of the process. SQLite locks its files with POSIX
 * advisory locks, and closing any descriptor of a file drops every such lock the process holds on it. A copy that
 * opened and closed the live file would silently release the lock each SQLite connection of this process keeps on it
 * in WAL mode; another process closing its last connection would then take this process for gone, checkpoint, and
 * delete the {@code -wal} file under this process's connections (measured with the {@code sqlite3} shell), and what
 * they commit afterwards, a restore included, lands in a deleted file. Never closing the descriptor keeps the locks.
 */
final class HeldReadChannels {

    private static final Map<Path, Held> channels = new ConcurrentHashMap<>();

    private HeldReadChannels() {}

    /**
     * Returns the process-wide read channel of a live database file; callers read with positional reads and never
     * close it.
     * @param file the live database file
     * @return the open channel
     * @throws IOException when the file cannot be opened
     */
    static FileChannel of(Path file) throws IOException {
        Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        try {
            return channels.compute(
                            file.toAbsolutePath(), (path, held) -> isCurrent(held, fileKey) ? held : openRead(path))
                    .channel();
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
    }

    private static boolean isCurrent(Held held, Object fileKey) {
        // A file put in place by hand is another file under the same name: read the new one
        return held != null && held.channel().isOpen() && fileKey != null && fileKey.equals(held.fileKey());
    }

    private static Held openRead(Path file) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new Held(
                    channel,
                    Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Held(FileChannel channel, Object fileKey) {}
}
