package io.github.migrationguard.strategy;

import io.github.migrationguard.restore.CrashLoop;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.PendingSnapshot;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Step 3 of a guarded run: the {@code pre-migrate} snapshot, then retention. The copy is made before migrating; with
 * {@code snapshot.on-failure=continue} and a database of 64 MB or more it is verified, forced and renamed on a
 * background thread while Flyway migrates (startup pays for the copy only), otherwise before migrating. Either way a
 * final name only ever holds a verified snapshot. Retention prunes only once the new snapshot is verified and the
 * migration succeeded: a failed boot deletes nothing, so however many boots fail in a row, the snapshots from before
 * the first failure survive. A boot in a crash loop (the previous boot failed and restored a database unchanged since)
 * reuses the snapshot that boot restored instead of copying again.
 */
final class PreMigrateSnapshot {

    private static final Log logger = LogFactory.getLog(PreMigrateSnapshot.class);

    private final SnapshotSettings settings;

    private final Clock clock;

    private final SnapshotActivity activity;

    /**
     * Databases smaller than this are verified before migrating: it takes well under a tenth of a second, and keeps
     * the simplest order where overlapping would gain nothing.
     */
    static final long BACKGROUND_MIN_BYTES = 64L * 1024 * 1024;

    private final Executor verifier;

    private final long backgroundMinBytes;

    PreMigrateSnapshot(
            SnapshotSettings settings,
            Clock clock,
            SnapshotActivity activity,
            Executor verifier,
            long backgroundMinBytes) {
        this.settings = settings;
        this.clock = clock;
        this.activity = activity;
        this.verifier = verifier;
        this.backgroundMinBytes = backgroundMinBytes;
    }

    /**
     * Runs each verification on a new thread. Not a daemon: an application whose main method returns right after
     * starting still finishes (or cleanly fails) the snapshot before the JVM exits.
     * @param task the verification
     */
    static void verifyInBackground(Runnable task) {
        Thread thread = new Thread(task, "migration-guard-snapshot-verifier");
        thread.setDaemon(false);
        thread.start();
    }

    /**
     * Takes the snapshot of a run, when it is on and the run writes (or {@code snapshot.when=always}).
     * @param writes whether the run will write: migrations are pending, or the application's own step may repair
     */
    RunSnapshot take(
            DataSource dataSource,
            SnapshotSettings runSettings,
            DatabaseFile database,
            PendingMigrations pending,
            boolean writes,
            Optional<CrashLoop> crashLoop) {
        if (!this.settings.on()) {
            return skipped("snapshots are disabled");
        }
        if (!database.exists()) {
            logger.info("No snapshot before migrating: " + database.skipReason());
            return skipped(database.skipReason());
        }
        if (this.settings.when() == SnapshotWhen.PENDING && !writes) {
            return skipped("no migration is pending");
        }
        if (crashLoop.isPresent()) {
            return RunSnapshot.settled(SnapshotAttempt.reused(
                    crashLoop.get().snapshot(),
                    "the database is unchanged since the previous boot failed and restored this snapshot"));
        }
        long start = System.nanoTime();
        SnapshotWriter writer = new SnapshotWriter(dataSource, database, runSettings, this.clock);
        try {
            if (this.settings.abortOnFailure() || sizeOf(database) < this.backgroundMinBytes) {
                Snapshot snapshot = writer.write(SnapshotLabel.PRE_MIGRATE, pending.detail());
                return RunSnapshot.settled(SnapshotAttempt.taken(snapshot));
            }
            PendingSnapshot copy = writer.start(SnapshotLabel.PRE_MIGRATE, pending.detail(), this.verifier);
            copy.whenSettled((attempt) -> reportFailure(writer, copy, attempt));
            return RunSnapshot.verifying(copy);
        } catch (SnapshotException ex) {
            return RunSnapshot.settled(failed(ex, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static long sizeOf(DatabaseFile database) {
        try {
            return Files.size(database.path());
        } catch (IOException ex) {
            // The copy will report what is wrong with the file; until then, treat it as large
            return Long.MAX_VALUE;
        }
    }

    private static RunSnapshot skipped(String reason) {
        return RunSnapshot.settled(SnapshotAttempt.skipped(SnapshotLabel.PRE_MIGRATE, reason));
    }

    /**
     * Prunes the pre-migrate snapshots down to {@code snapshot.keep} once the run's migration succeeded and its
     * snapshot is verified (now, or when its background verification ends). Never after a failed migration: the
     * snapshots from before it are what an operator may need next.
     * @param snapshot the run's snapshot
     * @param directory the backup directory of the database
     */
    void pruneAfterSuccess(RunSnapshot snapshot, SnapshotDirectory directory) {
        snapshot.whenSettled((attempt) -> {
            if (attempt.outcome() != SnapshotAttempt.Outcome.SUCCESS
                    && attempt.outcome() != SnapshotAttempt.Outcome.REUSED) {
                return;
            }
            try {
                prune(directory);
            } catch (RuntimeException ex) {
                logger.warn("Could not prune old pre-migrate snapshots in " + directory.path() + ": " + ex.getMessage()
                        + "; delete old ones by hand");
            }
        });
    }

    private void reportFailure(SnapshotWriter writer, PendingSnapshot copy, SnapshotAttempt attempt) {
        if (attempt.outcome() == SnapshotAttempt.Outcome.SUCCESS) {
            return;
        }
        logger.error("Pre-migrate snapshot " + copy.partialFile() + " could not be verified and stored and was "
                + "deleted, so this "
                + "upgrade has NO restorable snapshot: " + attempt.message() + "; check the disk holding "
                + writer.directory().path() + " and take a manual snapshot now (or set "
                + "migration-guard.snapshot.on-failure=abort to verify before migrating)");
    }

    private void prune(SnapshotDirectory directory) {
        List<Path> deleted = directory.prune(SnapshotLabel.PRE_MIGRATE, this.settings.keep());
        for (Path file : deleted) {
            logger.info("Pruned snapshot " + file + " (migration-guard.snapshot.keep=" + this.settings.keep() + ")");
        }
        this.activity.recordPruned(deleted.size());
    }

    private SnapshotAttempt failed(SnapshotException ex, Duration duration) {
        if (this.settings.abortOnFailure()) {
            throw new MigrationGuardException(
                    "Startup stopped before migrating because the pre-migrate snapshot "
                            + "failed and migration-guard.snapshot.on-failure=abort: " + ex.getMessage(),
                    ex);
        }
        logger.warn("Migrating WITHOUT a snapshot: " + ex.getMessage()
                + " (set migration-guard.snapshot.on-failure=abort to stop startup instead)");
        return SnapshotAttempt.failed(SnapshotLabel.PRE_MIGRATE, duration, ex.getMessage());
    }
}
