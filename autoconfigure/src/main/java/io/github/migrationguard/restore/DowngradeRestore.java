package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotSchemaVersion;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotVerifier;
import io.github.migrationguard.snapshot.Verification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.jspecify.annotations.Nullable;

/**
 * Part of step 1 of a guarded run: notices an older build started on a database a newer build migrated, names the
 * {@code pre-migrate} snapshot taken when the database left the older build's version, and with
 * {@code migration-guard.restore.on-downgrade=true} restores it, after a {@code pre-restore} snapshot that keeps
 * everything written since. Once restored the database is at the older build's version, so a later boot of the same
 * build finds nothing ahead and restores nothing.
 */
final class DowngradeRestore {

    /**
     * The property that turns the restore on.
     */
    public static final String PROPERTY = "migration-guard.restore.on-downgrade";

    private static final Log logger = LogFactory.getLog(DowngradeRestore.class);

    private final boolean enabled;

    private final JournaledRestore restorer;

    private final PreRestoreSnapshot preRestoreSnapshot;

    private final @Nullable RemoteSnapshotSource remote;

    /**
     * Creates the step.
     * @param settings the restore settings
     * @param keep {@code pre-restore} snapshots kept; at least one is always kept
     * @param clock the clock for snapshot names
     * @param restorer the restorer
     * @param remote the snapshots off this machine, or {@code null}
     * @param activity where the {@code pre-restore} snapshot and its retention are recorded
     */
    DowngradeRestore(
            RestoreSettings settings,
            int keep,
            Clock clock,
            SnapshotRestorer restorer,
            @Nullable RemoteSnapshotSource remote,
            SnapshotActivity activity) {
        this.remote = remote;
        this.enabled = settings.onDowngrade();
        this.restorer = new JournaledRestore(restorer, clock);
        this.preRestoreSnapshot = new PreRestoreSnapshot(keep, clock, activity);
    }

    /**
     * Checks whether the database is ahead of the application and, when asked to, restores it.
     * @param info Flyway's view of the migrations, read before anything else of this run
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param snapshotSettings how snapshots are taken and where they are
     * @return what was found and done
     * @throws RestoreException when a restore was due and could not be carried out; nothing was changed
     */
    DowngradeOutcome check(
            MigrationInfoService info,
            DataSource dataSource,
            DatabaseFile database,
            SnapshotSettings snapshotSettings) {
        Optional<VersionGap> gap = VersionGap.of(info);
        if (gap.isEmpty()) {
            return DowngradeOutcome.NONE;
        }
        String ahead = ahead(gap.get(), database);
        if (!database.exists()) {
            return stayAhead(
                    gap.get(),
                    null,
                    ahead + "; " + database.skipReason() + ", so there is no snapshot to go "
                            + "back to. Deploy the newer build again");
        }
        DowngradeSnapshots snapshots = snapshotsFor(database, snapshotSettings);
        Optional<DowngradeSnapshots.Found> found =
                snapshots.newestLeaving(gap.get().application());
        if (found.isEmpty()) {
            return stayAhead(gap.get(), null, ahead + "; " + noSnapshot(gap.get(), snapshots));
        }
        if (!this.enabled) {
            return stayAhead(gap.get(), found.get().name().fileName(), ahead + ". " + offer(gap.get(), found.get()));
        }
        return restore(gap.get(), found.get(), dataSource, database, snapshotSettings);
    }

    private String ahead(VersionGap gap, DatabaseFile database) {
        String which = database.exists() ? "Database " + database.path() : "The database";
        return which + " is at version " + gap.database() + ", newer than this application's latest migration "
                + gap.application() + " (an older build was deployed on a database a newer build migrated)";
    }

    private static String offer(VersionGap gap, DowngradeSnapshots.Found found) {
        return "Snapshot " + found.name().fileName() + " in " + found.source().location() + " holds it as it was at "
                + "version " + gap.application() + ": set " + PROPERTY + "=true and restart to go back to it "
                + "(everything written since is kept in a pre-restore snapshot), or deploy the newer build again";
    }

    private String noSnapshot(VersionGap gap, DowngradeSnapshots snapshots) {
        List<String> left = snapshots.preMigrate();
        return "no pre-migrate snapshot taken when it left version " + gap.application() + " is in "
                + snapshots.locations() + " (pruned, or never taken)"
                + (this.enabled ? ", so " + PROPERTY + "=true cannot go back; nothing was changed" : "")
                + ". Pre-migrate snapshots there: " + (left.isEmpty() ? "none" : String.join(", ", left))
                + ". Deploy the newer build again, or restore a copy by hand (docs/operations.md, "
                + "\"Rolling back a release\")";
    }

    private static DowngradeOutcome stayAhead(VersionGap gap, String snapshot, String message) {
        logger.warn(message);
        return new DowngradeOutcome(
                new SchemaAhead(gap.database().getVersion(), gap.application().getVersion(), snapshot, message), null);
    }

    private DowngradeOutcome restore(
            VersionGap gap,
            DowngradeSnapshots.Found found,
            DataSource dataSource,
            DatabaseFile database,
            SnapshotSettings snapshotSettings) {
        long start = System.nanoTime();
        Path snapshot = usable(found.obtain(), gap.application(), snapshotSettings.historyTable());
        Snapshot before = this.preRestoreSnapshot.take(dataSource, database, snapshotSettings, PROPERTY + "=true");
        try (Connection connection = dataSource.getConnection()) {
            this.restorer.restore(connection, database.path(), snapshot, RestoreTrigger.STARTUP);
        } catch (SQLException | RestoreException ex) {
            String message = "Restoring " + snapshot + " into " + database.path() + " (" + PROPERTY + "=true) FAILED: "
                    + ex.getMessage() + ". The database as it was before is in " + before.file() + "; stop the "
                    + "application and restore by hand (docs/operations.md, \"Restoring by hand\")";
            logger.error(message);
            throw new RestoreException(message, ex);
        }
        String message = "Restored " + database.path() + " from snapshot " + snapshot + " (" + PROPERTY + "=true): "
                + "the database went back from version " + gap.database() + " to version " + gap.application()
                + ", as it was when it left it. Everything written since is kept in " + before.file()
                + " (docs/operations.md, \"Rolling back a release\")";
        logger.warn(message);
        return new DowngradeOutcome(
                null,
                RestoreRecord.restored(
                        RestoreTrigger.DOWNGRADE, snapshot, message, Duration.ofNanos(System.nanoTime() - start)));
    }

    /**
     * Proves the snapshot can be restored: a sound SQLite database at the version its name states. A snapshot at any
     * other version would leave the database ahead or behind, and the next boot would restore again.
     */
    private static Path usable(Path snapshot, MigrationVersion version, String historyTable) {
        try {
            new SnapshotVerifier(historyTable).verify(snapshot, Verification.QUICK);
        } catch (SnapshotException ex) {
            throw cannotRestore(snapshot, ex.getMessage(), ex);
        }
        String inside = SnapshotSchemaVersion.read(snapshot, historyTable);
        if (inside == null || MigrationVersion.fromVersion(inside).compareTo(version) != 0) {
            throw cannotRestore(
                    snapshot,
                    "it holds schema version " + inside + ", not " + version + " as its name " + "says",
                    null);
        }
        return snapshot;
    }

    private static RestoreException cannotRestore(Path snapshot, String why, Exception cause) {
        String message = PROPERTY + "=true but snapshot " + snapshot + " cannot be restored: " + why
                + "; nothing was changed. Deploy the newer build again, or restore a copy by hand (docs/operations.md, "
                + "\"Rolling back a release\")";
        logger.error(message);
        return new RestoreException(message, cause);
    }

    /** The backup directory first, then the bucket when there is one. */
    private DowngradeSnapshots snapshotsFor(DatabaseFile database, SnapshotSettings snapshotSettings) {
        SnapshotDirectory backups = snapshotSettings.directoryFor(database.path());
        List<SnapshotSource> sources = new ArrayList<>();
        sources.add(new LocalSnapshots(backups));
        if (this.remote != null) {
            sources.add(new BucketSnapshots(this.remote, backups, snapshotSettings.historyTable()));
        }
        return new DowngradeSnapshots(sources);
    }
}
