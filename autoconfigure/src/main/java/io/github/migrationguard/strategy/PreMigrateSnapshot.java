package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Step 3 of a guarded run: the {@code pre-migrate} snapshot, then retention.
 */
final class PreMigrateSnapshot {

    private static final Log logger = LogFactory.getLog(PreMigrateSnapshot.class);

    private final GuardSettings settings;

    private final Clock clock;

    private final GuardActivity activity;

    PreMigrateSnapshot(GuardSettings settings, Clock clock, GuardActivity activity) {
        this.settings = settings;
        this.clock = clock;
        this.activity = activity;
    }

    SnapshotAttempt take(DataSource dataSource, String historyTable, DatabaseFile database, PendingMigrations pending) {
        if (!this.settings.snapshotsOn()) {
            return SnapshotAttempt.skipped(SnapshotLabel.PRE_MIGRATE, "snapshots are disabled");
        }
        if (!database.exists()) {
            logger.info("No snapshot before migrating: " + database.skipReason());
            return SnapshotAttempt.skipped(SnapshotLabel.PRE_MIGRATE, database.skipReason());
        }
        if (this.settings.when() == SnapshotWhen.PENDING && pending.count() == 0) {
            return SnapshotAttempt.skipped(SnapshotLabel.PRE_MIGRATE, "no migration is pending");
        }
        long start = System.nanoTime();
        SnapshotWriter writer = new SnapshotWriter(
                dataSource, database, this.settings.snapshot().withHistoryTable(historyTable), this.clock);
        try {
            Snapshot snapshot = writer.write(SnapshotLabel.PRE_MIGRATE, pending.detail());
            prune(writer);
            return SnapshotAttempt.taken(snapshot);
        } catch (SnapshotException ex) {
            return failed(ex, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void prune(SnapshotWriter writer) {
        List<Path> deleted = writer.directory().prune(SnapshotLabel.PRE_MIGRATE, this.settings.keep());
        for (Path file : deleted) {
            logger.info("Pruned snapshot " + file + " (migration-guard.snapshot.keep=" + this.settings.keep() + ")");
        }
        this.activity.recordPruned(deleted.size());
    }

    private SnapshotAttempt failed(SnapshotException ex, Duration duration) {
        if (this.settings.abortOnSnapshotFailure()) {
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
