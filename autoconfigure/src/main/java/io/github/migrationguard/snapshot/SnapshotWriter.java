package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Internal: takes a snapshot of a live SQLite database: copies it to a hidden {@code .partial} file in the snapshot
 * directory, verifies it, forces it to disk and renames it atomically to its final name, either before returning
 * ({@link #write}) or in the background after the copy ({@link #start}). A final name never holds a partial or
 * unverified file; whatever fails, the temporary file is removed.
 */
public final class SnapshotWriter {

    private static final Log logger = LogFactory.getLog(SnapshotWriter.class);

    private final DatabaseCopier.ConnectionSource connections;

    private final boolean live;

    private final DatabaseFile database;

    private final SnapshotSettings settings;

    private final SnapshotDirectory directory;

    private final Clock clock;

    private final DatabaseCopier copier = new DatabaseCopier();

    private final SnapshotLock lock;

    /**
     * Creates a writer that copies through one of the given data source's connections: for startup, before the
     * application serves anything.
     * @param dataSource the application's data source
     * @param database the database file
     * @param settings how snapshots are taken
     * @param clock names the files
     */
    public SnapshotWriter(DataSource dataSource, DatabaseFile database, SnapshotSettings settings, Clock clock) {
        this(dataSource::getConnection, false, database, settings, clock);
    }

    private SnapshotWriter(
            DatabaseCopier.ConnectionSource connections,
            boolean live,
            DatabaseFile database,
            SnapshotSettings settings,
            Clock clock) {
        if (!database.exists()) {
            throw new IllegalArgumentException("No SQLite file to snapshot: " + database.skipReason());
        }
        this.connections = connections;
        this.live = live;
        this.database = database;
        this.settings = settings;
        this.directory = settings.directoryFor(database.path());
        this.clock = clock;
        this.lock = SnapshotLock.of(database.path());
    }

    /**
     * Creates a writer for snapshots taken while the application runs: it copies through a connection of its own to
     * the database file, never one of the application's pooled connections, and {@link SnapshotMethod#AUTO} holds
     * the write lock no longer than a copy-on-write clone takes (else it uses the online backup API).
     * @param database the database file
     * @param settings how snapshots are taken
     * @param clock names the files
     * @return the writer
     */
    public static SnapshotWriter whileRunning(DatabaseFile database, SnapshotSettings settings, Clock clock) {
        return new SnapshotWriter(() -> SqliteConnections.open(database.path()), true, database, settings, clock);
    }

    public SnapshotDirectory directory() {
        return this.directory;
    }

    /**
     * Takes a snapshot: copies, verifies, forces and renames it before returning. Waits, at most
     * {@link PendingSnapshot#VERIFICATION_WAIT}, for another snapshot of the same database to settle first.
     * @param label why
     * @param detail what for, slugged into the name, or {@code null}
     * @return the verified snapshot under its final name
     * @throws SnapshotException when the snapshot could not be taken; no file is left behind
     */
    public Snapshot write(SnapshotLabel label, String detail) {
        return start(label, detail, Runnable::run).awaitVerified();
    }

    /**
     * Copies the database to a hidden {@code .partial} file now, then hands verification, fsync and the rename to
     * the final name to the given executor, so that work that must happen anyway (a migration) can run meanwhile.
     * Waits, at most {@link PendingSnapshot#VERIFICATION_WAIT}, for another snapshot of the same database in this
     * process to settle first.
     * @param label why
     * @param detail what for, slugged into the name, or {@code null}
     * @param verifier runs the verification; {@code Runnable::run} verifies before returning
     * @return the pending snapshot; only {@link PendingSnapshot#awaitVerified()} gives a usable snapshot
     * @throws SnapshotException when the copy could not be made; no file is left behind
     */
    public PendingSnapshot start(SnapshotLabel label, String detail, Executor verifier) {
        if (!this.lock.acquire(PendingSnapshot.VERIFICATION_WAIT)) {
            throw new SnapshotException("Another snapshot of " + this.database.path() + " was still running after "
                    + PendingSnapshot.VERIFICATION_WAIT.toMinutes() + " minutes; no " + label + " snapshot was taken");
        }
        return startLocked(label, detail, verifier);
    }

    /**
     * Like {@link #start}, unless another snapshot of the same database is being copied or verified in this process:
     * then nothing is done at all.
     * @param label why
     * @param detail what for, slugged into the name, or {@code null}
     * @param verifier runs the verification
     * @return the pending snapshot, or empty when another one is running
     * @throws SnapshotException when the copy could not be made; no file is left behind
     */
    public Optional<PendingSnapshot> tryStart(SnapshotLabel label, String detail, Executor verifier) {
        if (!this.lock.acquire(Duration.ZERO)) {
            return Optional.empty();
        }
        return Optional.of(startLocked(label, detail, verifier));
    }

    /**
     * Returns the snapshot of a database being verified in this process, whoever took it, if any.
     * @param database the database file
     * @return the snapshot, or empty
     */
    public static Optional<PendingSnapshot> running(DatabaseFile database) {
        return database.exists()
                ? Optional.ofNullable(SnapshotLock.of(database.path()).running())
                : Optional.empty();
    }

    private PendingSnapshot startLocked(SnapshotLabel label, String detail, Executor verifier) {
        long start = System.nanoTime();
        Path partial = null;
        PendingSnapshot pending;
        try {
            prepareDirectory();
            checkFreeSpace();
            SnapshotName name = freeName(new SnapshotName(label, Instant.now(this.clock), detail));
            partial = this.directory.path().resolve(name.partialFileName());
            SnapshotDirectory.claim(partial);
            DatabaseCopier.Copied copied =
                    this.copier.copy(this.connections, this.database, partial, this.settings.method(), this.live);
            pending = new PendingSnapshot(label, partial, copied, Duration.ofNanos(System.nanoTime() - start), start);
            this.lock.running(pending);
            Path copy = partial;
            verifier.execute(() -> finish(pending, name, copy, start));
        } catch (RejectedExecutionException ex) {
            discard(partial);
            throw new SnapshotException("Could not start verifying " + partial + ": " + ex.getMessage(), ex);
        } catch (Throwable ex) {
            // An Error too: the copy is deleted and the lock released, or every later snapshot would be skipped
            discard(partial);
            throw failure(partial, ex);
        }
        return pending;
    }

    private void finish(PendingSnapshot pending, SnapshotName name, Path partial, long start) {
        Snapshot snapshot = null;
        SnapshotException failure = null;
        try {
            new SnapshotVerifier(this.settings.historyTable())
                    .verify(
                            partial,
                            this.settings.verification(),
                            pending::checking,
                            this.live ? new HalfTime() : null);
            if (pending.isCancelled()) {
                throw new SnapshotException("Verification of " + partial + " was cancelled: the application stopped");
            }
            Path target = publish(partial, name);
            snapshot = new Snapshot(
                    target,
                    name,
                    Files.size(target),
                    pending.method(),
                    pending.cloned(),
                    this.settings.verification(),
                    pending.copyDuration(),
                    Duration.ofNanos(System.nanoTime() - start));
            logger.info("Snapshot " + target + " written (" + snapshot.sizeBytes() + " bytes, " + pending.method()
                    + (pending.cloned() ? " (cloned)" : "") + ", verified " + this.settings.verification() + ", "
                    + snapshot.duration().toMillis() + " ms)");
        } catch (Throwable ex) {
            // An Error too: the snapshot settles as failed, or whoever waits for it would wait in vain
            failure = failure(partial, ex);
            if (!(ex instanceof SnapshotException)) {
                logger.error("Snapshot " + partial + " failed unexpectedly and was deleted", ex);
            }
        } finally {
            discard(partial);
        }
        if (failure != null) {
            pending.fail(failure);
        } else {
            pending.succeed(snapshot);
        }
    }

    private SnapshotException failure(Path partial, Throwable ex) {
        if (ex instanceof SnapshotException snapshotException) {
            return snapshotException;
        }
        return new SnapshotException(
                "Could not snapshot " + this.database.path() + ((partial != null) ? " to " + partial : "") + ": "
                        + ((ex instanceof Error) ? ex.toString() : ex.getMessage())
                        + "; check that " + this.directory.path()
                        + " is writable and has room for a copy of the database",
                ex);
    }

    /**
     * Deletes the temporary copy, then lets the next snapshot of this database start.
     * @param partial the copy, or {@code null} when the attempt failed before naming it
     */
    private void discard(Path partial) {
        if (partial != null) {
            SnapshotDirectory.deleteWithSideFiles(partial);
            SnapshotDirectory.release(partial);
        }
        this.lock.release();
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
