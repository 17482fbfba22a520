package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.LowPriority;
import io.github.migrationguard.snapshot.PendingSnapshot;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Internal: snapshots of the live database while the application runs ({@code manual} and {@code scheduled} ones):
 * takes one now through a connection of its own to the database file (never one of the application's pooled
 * connections), on a thread of its own at lower CPU priority ({@link LowPriority}), never while another snapshot of the
 * database is copied or verified (a pre-migrate one included), prunes its label and publishes the attempt to the
 * guard's state.
 */
public final class LiveSnapshots implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(LiveSnapshots.class);

    private final DataSource dataSource;

    private final SnapshotSettings settings;

    private final SnapshotActivity activity;

    private final Clock clock;

    private final Duration shutdownWait;

    private final AtomicReference<DatabaseFile> located = new AtomicReference<>();

    private volatile Path mainFile;

    private volatile DatabaseFile noFile;

    public LiveSnapshots(DataSource dataSource, SnapshotSettings settings, SnapshotActivity activity, Clock clock) {
        this(dataSource, settings, activity, clock, PendingSnapshot.SHUTDOWN_WAIT);
    }

    LiveSnapshots(
            DataSource dataSource,
            SnapshotSettings settings,
            SnapshotActivity activity,
            Clock clock,
            Duration shutdownWait) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.activity = activity;
        this.clock = clock;
        this.shutdownWait = shutdownWait;
    }

    /**
     * Tells where the database file is. The application's data source is asked once for the file's path (one pooled
     * connection, for a moment; the auto-configuration does it at startup); after that, the file is looked at through
     * a connection of its own, so health checks, scrapes and snapshots never wait for the application's pool (often
     * one connection, with SQLite).
     * @return the file, or why there is none
     */
    public DatabaseFile database() {
        DatabaseFile database = this.located.get();
        if (database != null) {
            return database;
        }
        if (this.noFile != null) {
            return this.noFile;
        }
        Path file = this.mainFile;
        if (file == null) {
            file = DatabaseFile.mainFileOf(this.dataSource);
            if (file == null) {
                // Not SQLite, or in memory: that never changes while the application runs
                this.noFile = DatabaseFile.locate(this.dataSource);
                return this.noFile;
            }
            this.mainFile = file;
        }
        database = DatabaseFile.at(file);
        if (database.exists()) {
            this.located.set(database);
        }
        return database;
    }

    /**
     * Returns the directory snapshots of the live database go to.
     * @return the directory, or empty when the database is not a SQLite file
     */
    public Optional<SnapshotDirectory> directory() {
        DatabaseFile database = database();
        return database.exists() ? Optional.of(this.settings.directoryFor(database.path())) : Optional.empty();
    }

    public SnapshotSettings settings() {
        return this.settings;
    }

    /**
     * Takes a snapshot now, unless another snapshot of the database is still being taken or verified, then prunes
     * the label down to {@code keep}.
     * @param label the label, {@code manual} or {@code scheduled}
     * @param detail what for, slugged into the name and kept whole beside the snapshot, or {@code null}
     * @param keep snapshots of that label to keep; 0 means none are taken
     * @return what came of it, also recorded in the activity
     */
    public SnapshotAttempt take(SnapshotLabel label, String detail, int keep) {
        // Copying and verifying read every page: on a thread of lower CPU priority, the application's threads go first
        return record(LowPriority.call("migration-guard-" + label, () -> attempt(label, detail, keep)));
    }

    private SnapshotAttempt attempt(SnapshotLabel label, String detail, int keep) {
        if (keep == 0) {
            return SnapshotAttempt.skipped(label, "snapshots of this label are disabled (keep is 0)");
        }
        long start = System.nanoTime();
        try {
            DatabaseFile database = database();
            if (!database.exists()) {
                logger.info("No " + label + " snapshot: " + database.skipReason());
                return SnapshotAttempt.skipped(label, database.skipReason());
            }
            SnapshotWriter writer = SnapshotWriter.whileRunning(database, this.settings, this.clock);
            Optional<PendingSnapshot> pending = writer.tryStart(label, detail, Runnable::run);
            if (pending.isEmpty()) {
                logger.warn("Skipped a " + label + " snapshot of " + database.path()
                        + ": the previous snapshot is still running");
                return SnapshotAttempt.skipped(label, "a previous snapshot is still running");
            }
            Snapshot snapshot = pending.get().awaitVerified();
            if (detail != null) {
                writer.directory().keepReason(snapshot.file(), detail);
            }
            prune(writer, label, keep);
            return SnapshotAttempt.taken(snapshot);
        } catch (SnapshotException ex) {
            logger.error("The " + label + " snapshot failed: " + ex.getMessage());
            return SnapshotAttempt.failed(label, Duration.ofNanos(System.nanoTime() - start), ex.getMessage());
        }
    }

    private void prune(SnapshotWriter writer, SnapshotLabel label, int keep) {
        List<Path> deleted = writer.directory().prune(label, keep);
        for (Path file : deleted) {
            logger.info("Pruned " + label + " snapshot " + file + " (keeping " + keep + ")");
        }
        this.activity.recordPruned(deleted.size());
    }

    private SnapshotAttempt record(SnapshotAttempt attempt) {
        this.activity.recordSnapshot(attempt);
        return attempt;
    }

    /**
     * Lets a snapshot of the database still being verified end within {@link PendingSnapshot#SHUTDOWN_WAIT}, else
     * cancels it (its copy is deleted, never given a final name). For an application that stops.
     */
    @Override
    public void close() {
        DatabaseFile database = this.located.get();
        if (database != null) {
            SnapshotWriter.running(database).ifPresent((pending) -> pending.settleOrCancel(this.shutdownWait));
        }
    }
}
