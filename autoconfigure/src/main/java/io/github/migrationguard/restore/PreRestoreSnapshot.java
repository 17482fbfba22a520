package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@code pre-restore} snapshot every restore at startup takes of the live database first, so that the restore can
 * be undone; then retention of that label.
 */
final class PreRestoreSnapshot {

    private static final Log logger = LogFactory.getLog(PreRestoreSnapshot.class);

    private final int keep;

    private final Clock clock;

    private final SnapshotActivity activity;

    /**
     * Creates the step.
     * @param keep {@code pre-restore} snapshots kept; at least one is always kept
     * @param clock the clock for snapshot names
     * @param activity where the snapshot, whatever comes of it, and its retention are recorded
     */
    PreRestoreSnapshot(int keep, Clock clock, SnapshotActivity activity) {
        this.keep = Math.max(keep, 1);
        this.clock = clock;
        this.activity = activity;
    }

    /**
     * Takes the snapshot, then prunes older ones.
     * @param dataSource the application's data source
     * @param database the live database
     * @param snapshotSettings how snapshots are taken and where they are
     * @param restore what the restore is, for the message when the snapshot fails (for example the property set)
     * @return the verified snapshot
     * @throws RestoreException when the snapshot fails; nothing was changed
     */
    Snapshot take(DataSource dataSource, DatabaseFile database, SnapshotSettings snapshotSettings, String restore) {
        SnapshotWriter writer = new SnapshotWriter(dataSource, database, snapshotSettings, this.clock);
        Snapshot snapshot;
        long start = System.nanoTime();
        try {
            snapshot = writer.write(SnapshotLabel.PRE_RESTORE, null);
        } catch (SnapshotException ex) {
            this.activity.recordSnapshot(SnapshotAttempt.failed(
                    SnapshotLabel.PRE_RESTORE, Duration.ofNanos(System.nanoTime() - start), ex.getMessage()));
            throw new RestoreException(
                    "Cannot carry out " + restore + " because the pre-restore snapshot of the current database failed: "
                            + ex.getMessage() + "; nothing was changed",
                    ex);
        }
        this.activity.recordSnapshot(SnapshotAttempt.taken(snapshot));
        List<Path> pruned = writer.directory().prune(SnapshotLabel.PRE_RESTORE, this.keep);
        for (Path deleted : pruned) {
            logger.info("Pruned snapshot " + deleted + " (migration-guard.snapshot.keep=" + this.keep + ")");
        }
        this.activity.recordPruned(pruned.size());
        return snapshot;
    }
}
