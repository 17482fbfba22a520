package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes a snapshot of a live SQLite database: copies it to a hidden {@code .partial} file in the snapshot directory,
 * verifies it, forces it to disk and renames it atomically to its final name. A final name never holds a partial or
 * unverified file; whatever fails, the temporary file is removed.
 */
public final class SnapshotWriter {

    private static final Log logger = LogFactory.getLog(SnapshotWriter.class);

    private final DataSource dataSource;

    private final DatabaseFile database;

    private final SnapshotSettings settings;

    private final SnapshotDirectory directory;

    private final Clock clock;

    private final DatabaseCopier copier = new DatabaseCopier();

    public SnapshotWriter(DataSource dataSource, DatabaseFile database, SnapshotSettings settings, Clock clock) {
        if (!database.exists()) {
            throw new IllegalArgumentException("No SQLite file to snapshot: " + database.skipReason());
        }
        this.dataSource = dataSource;
        this.database = database;
        this.settings = settings;
        this.directory = settings.directoryFor(database.path());
        this.clock = clock;
    }

    public SnapshotDirectory directory() {
        return this.directory;
    }

    /**
     * Takes a snapshot.
     * @param label why
     * @param detail what for, slugged into the name, or {@code null}
     * @return the verified snapshot under its final name
     * @throws SnapshotException when the snapshot could not be taken; no file is left behind
     */
    public Snapshot write(SnapshotLabel label, String detail) {
        long start = System.nanoTime();
        prepareDirectory();
        checkFreeSpace();
        SnapshotName name = freeName(new SnapshotName(label, Instant.now(this.clock), detail));
        Path partial = this.directory.path().resolve(name.partialFileName());
        try {
            SnapshotMethod used = this.copier.copy(this.dataSource, this.database, partial, this.settings.method());
            Duration copyDuration = Duration.ofNanos(System.nanoTime() - start);
            new SnapshotVerifier(this.settings.historyTable()).verify(partial, this.settings.verification());
            Path target = publish(partial, name);
            Snapshot snapshot = new Snapshot(
                    target,
                    name,
                    Files.size(target),
                    used,
                    this.settings.verification(),
                    copyDuration,
                    Duration.ofNanos(System.nanoTime() - start));
            logger.info("Snapshot " + target + " written (" + snapshot.sizeBytes() + " bytes, " + used + ", verified "
                    + this.settings.verification() + ", " + snapshot.duration().toMillis() + " ms)");
            return snapshot;
        } catch (SQLException | IOException ex) {
            throw new SnapshotException(
                    "Could not snapshot " + this.database.path() + " to " + partial + ": "
                            + ex.getMessage() + "; check that " + this.directory.path()
                            + " is writable and has room for a copy of the database",
                    ex);
        } finally {
            SnapshotDirectory.deleteWithSideFiles(partial);
        }
    }

    private void prepareDirectory() {
        try {
            Files.createDirectories(this.directory.path());
        } catch (IOException ex) {
            throw new SnapshotException(
                    "Could not create snapshot directory " + this.directory.path() + ": " + ex.getMessage()
                            + "; create it or set migration-guard.snapshot.dir",
                    ex);
        }
        for (Path leftover : this.directory.removeLeftovers()) {
            logger.info("Removed " + leftover + ", left by a snapshot that never finished");
        }
    }

    private void checkFreeSpace() {
        try {
            long needed = Files.size(this.database.path()) + sizeIfExists(this.database.walPath());
            long usable = Files.getFileStore(this.directory.path()).getUsableSpace();
            long floor = this.settings.minFreeSpaceBytes();
            if (usable - needed < floor) {
                throw new SnapshotException("Not enough free space in " + this.directory.path() + " for a snapshot of "
                        + this.database.path() + ": " + usable + " bytes free, the copy needs up to " + needed
                        + " and migration-guard.snapshot.min-free-space keeps " + floor
                        + "; free some space or move migration-guard.snapshot.dir");
            }
        } catch (IOException ex) {
            throw new SnapshotException(
                    "Could not measure free space in " + this.directory.path() + ": " + ex.getMessage(), ex);
        }
    }

    private SnapshotName freeName(SnapshotName name) {
        SnapshotName candidate = name;
        while (Files.exists(this.directory.path().resolve(candidate.fileName()))) {
            candidate = candidate.next();
        }
        return candidate;
    }

    private Path publish(Path partial, SnapshotName name) throws IOException {
        force(partial, StandardOpenOption.WRITE);
        Path target = this.directory.path().resolve(name.fileName());
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
            throw new IOException(
                    "The file system of " + this.directory.path()
                            + " cannot rename atomically; choose another migration-guard.snapshot.dir",
                    ex);
        }
        forceDirectory(this.directory.path());
        return target;
    }

    private static void force(Path file, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(file, mode)) {
            channel.force(true);
        }
    }

    private static void forceDirectory(Path dir) {
        try {
            force(dir, StandardOpenOption.READ);
        } catch (IOException ex) {
            // Some platforms cannot open a directory for sync; the rename itself is still atomic there
            logger.debug("Could not sync directory " + dir, ex);
        }
    }

    private static long sizeIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
