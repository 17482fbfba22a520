package io.github.migrationguard.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the file system says about a live database's files, read without opening them (closing a descriptor of the
 * live database would drop this process's SQLite locks on it): which file it is, its size and when it was last
 * written, and the size of its {@code -wal}. Costs two {@code stat} calls, whatever the size of the database.
 * <p>
 * Sound as a proof that nothing was committed since it was taken, because every commit SQLite makes shows in it:
 * in rollback-journal mode a commit writes the database file; in WAL mode it appends to the {@code -wal} file, and its
 * pages reach the database file only through a checkpoint, which writes the database file. Each write gives the file
 * the file system's current time; a file put in its place is another file. The one write that would not show is one
 * in the same tick of the file system's clock as the last write this state saw: {@link #settledBy} tells whether the
 * clock had moved on before the state was taken.
 *
 * @param fileKey what identifies the file on its file system (device and inode), or empty where there is none
 * @param size the database file's size in bytes
 * @param modified when the database file was last written
 * @param walSize the {@code -wal} file's size in bytes, 0 when there is none
 */
record DatabaseFileState(String fileKey, long size, Instant modified, long walSize) {

    static DatabaseFileState of(Path database) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(database, BasicFileAttributes.class);
            return new DatabaseFileState(
                    Objects.toString(attributes.fileKey(), ""),
                    attributes.size(),
                    attributes.lastModifiedTime().toInstant(),
                    walSize(database));
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read the attributes of " + database, ex);
        }
    }

    /**
     * Returns when the file system's clock reads now, as it would stamp a write beside the database: a file is
     * written there and removed.
     * @param database the database
     * @return the time of a write made now beside the database
     */
    static Instant clockBeside(Path database) {
        Path probe = database.resolveSibling(database.getFileName() + ".migration-guard-clock");
        try {
            Files.write(probe, new byte[] {1});
            return Files.getLastModifiedTime(probe).toInstant();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write " + probe, ex);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ex) {
                // Left behind, it is rewritten and removed next time
            }
        }
    }

    /**
     * Whether a write after this state was taken is sure to change {@link #modified}: the file system's clock had
     * moved past the database file's last write before the state was taken.
     * @param clock when the file system's clock read before this state was taken, from {@link #clockBeside}
     * @return whether this state can prove that nothing was written since
     */
    boolean settledBy(Instant clock) {
        return clock.isAfter(this.modified);
    }

    private static long walSize(Path database) throws IOException {
        Path wal = database.resolveSibling(database.getFileName() + "-wal");
        try {
            return Files.size(wal);
        } catch (NoSuchFileException ex) {
            // SQLite removes an empty WAL when its last connection closes: as good as empty
            return 0;
        }
    }

    /**
     * Returns this state as the crash-loop record stores it.
     * @return the text
     */
    String text() {
        return this.fileKey + "|" + this.size + "|" + this.modified + "|" + this.walSize;
    }

    static Optional<DatabaseFileState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\|", -1);
        return Optional.of(new DatabaseFileState(
                parts[0], Long.parseLong(parts[1]), Instant.parse(parts[2]), Long.parseLong(parts[3])));
    }
}
