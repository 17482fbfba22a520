package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
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
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Snapshots of the live database while the application runs ({@code manual} and {@code scheduled} ones): takes one
 * now, never two at once, prunes its label and records the attempt in the {@link GuardActivity}.
 */
public final class LiveSnapshots {

    private static final Log logger = LogFactory.getLog(LiveSnapshots.class);

    private final DataSource dataSource;

    private final SnapshotSettings settings;

    private final GuardActivity activity;

    private final Clock clock;

    private final ReentrantLock running = new ReentrantLock();

    private final AtomicReference<DatabaseFile> located = new AtomicReference<>();

    public LiveSnapshots(DataSource dataSource, SnapshotSettings settings, GuardActivity activity, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.activity = activity;
        this.clock = clock;
    }

    /**
     * Asks the database where its file is, once it has one: health checks and scrapes then never take one of the
     * application's pooled connections (often the only one, with SQLite).
     * @return the file, or why there is none
     */
    public DatabaseFile database() {
        DatabaseFile database = this.located.get();
        if (database == null) {
            database = DatabaseFile.locate(this.dataSource);
            if (database.exists()) {
                this.located.set(database);
            }
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
     * Takes a snapshot now, unless another one is still being taken, then prunes the label down to {@code keep}.
     * @param label the label, {@code manual} or {@code scheduled}
     * @param detail what for, slugged into the name and kept whole beside the snapshot, or {@code null}
     * @param keep snapshots of that label to keep; 0 means none are taken
     * @return what came of it, also recorded in the activity
     */
    public SnapshotAttempt take(SnapshotLabel label, String detail, int keep) {
        if (!this.running.tryLock()) {
            logger.warn("Skipped a " + label + " snapshot: the previous snapshot is still running");
            return record(SnapshotAttempt.skipped(label, "a previous snapshot is still running"));
        }
        try {
            return record(takeExclusively(label, detail, keep));
        } finally {
            this.running.unlock();
        }
    }

    private SnapshotAttempt takeExclusively(SnapshotLabel label, String detail, int keep) {
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
            SnapshotWriter writer = new SnapshotWriter(this.dataSource, database, this.settings, this.clock);
            Snapshot snapshot = writer.write(label, detail);
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
}
