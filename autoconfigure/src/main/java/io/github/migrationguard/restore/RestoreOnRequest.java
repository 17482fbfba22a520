package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Step 1 of a guarded run: restores the snapshot {@code migration-guard.restore.from} asks for, once. Checks the
 * request first and changes nothing when it cannot be carried out; takes a {@code pre-restore} snapshot of the current
 * database; restores; records the request in the restored database so that a later boot with the same value restores
 * nothing. Uses one connection of the application's data source at a time.
 */
final class RestoreOnRequest {

    private static final Log logger = LogFactory.getLog(RestoreOnRequest.class);

    private final RestoreSettings settings;

    private final Clock clock;

    private final RestoreLedger ledger = new RestoreLedger();

    private final JournaledRestore restorer;

    private final RemoteSnapshotSource remote;

    private final PreRestoreSnapshot preRestoreSnapshot;

    /**
     * Creates the step.
     * @param settings the restore settings
     * @param keep {@code pre-restore} snapshots kept; at least one is always kept
     * @param clock the clock for snapshot names and the ledger
     * @param restorer the restorer
     * @param remote the snapshots off this machine, or {@code null}
     * @param activity where the {@code pre-restore} snapshot and its retention are recorded
     */
    RestoreOnRequest(
            RestoreSettings settings,
            int keep,
            Clock clock,
            SnapshotRestorer restorer,
            RemoteSnapshotSource remote,
            SnapshotActivity activity) {
        this.settings = settings;
        this.clock = clock;
        this.restorer = new JournaledRestore(restorer, clock);
        this.remote = remote;
        this.preRestoreSnapshot = new PreRestoreSnapshot(keep, clock, activity);
    }

    /**
     * Carries out the restore request, if there is one.
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param snapshotSettings how snapshots are taken and where they are
     * @return what was done, or empty when no restore was asked for
     * @throws RestoreException when the request cannot be carried out
     */
    Optional<RestoreRecord> restoreIfRequested(
            DataSource dataSource, DatabaseFile database, SnapshotSettings snapshotSettings) {
        if (!this.settings.requested()) {
            return Optional.empty();
        }
        String from = this.settings.from();
        if (!database.exists()) {
            throw new RestoreException("Cannot carry out " + RequestedSnapshot.PROPERTY + "=" + from + ": "
                    + database.skipReason() + ". To bring back a lost database file, copy a snapshot in place by "
                    + "hand (docs/operations.md, \"Restoring by hand\"), or remove " + RequestedSnapshot.PROPERTY);
        }
        Optional<String> done = lastRequest(dataSource);
        if (done.isPresent() && done.get().equals(from) && !this.settings.force()) {
            String message = "Restore request " + RequestedSnapshot.PROPERTY + "=" + from + " was already carried "
                    + "out on " + database.path() + "; nothing restored. Remove the property, or set "
                    + "migration-guard.restore.force=true to restore again";
            logger.warn(message);
            return Optional.of(RestoreRecord.skipped(RestoreTrigger.STARTUP, null, message));
        }
        Path snapshot = new RequestedSnapshot(
                        snapshotSettings.directoryFor(database.path()), snapshotSettings.historyTable(), this.remote)
                .resolve(from);
        if (!this.settings.force()) {
            refuseForeign(dataSource, snapshot, from, snapshotSettings.historyTable());
        }
        return Optional.of(restore(dataSource, database, snapshotSettings, from, snapshot));
    }

    private static void refuseForeign(DataSource dataSource, Path snapshot, String from, String historyTable) {
        Optional<String> evidence;
        try (Connection live = dataSource.getConnection()) {
            evidence = new SnapshotOrigin(historyTable).foreignEvidence(snapshot, live);
        } catch (SQLException ex) {
            throw new RestoreException(
                    "Could not tell whether " + snapshot + " is a copy of this application's " + "database: "
                            + ex.getMessage() + "; nothing was changed",
                    ex);
        }
        evidence.ifPresent((why) -> {
            throw new RestoreException(RequestedSnapshot.PROPERTY + "=" + from + " names " + snapshot
                    + ", which is not a snapshot of this application's database: " + why + ". Nothing was changed. "
                    + "Pick another file, or set migration-guard.restore.force=true to restore it anyway");
        });
    }

    private RestoreRecord restore(
            DataSource dataSource,
            DatabaseFile database,
            SnapshotSettings snapshotSettings,
            String from,
            Path snapshot) {
        long start = System.nanoTime();
        Snapshot before = this.preRestoreSnapshot.take(
                dataSource, database, snapshotSettings, RequestedSnapshot.PROPERTY + "=" + from);
        try (Connection connection = dataSource.getConnection()) {
            this.restorer.restore(connection, database.path(), snapshot, RestoreTrigger.STARTUP);
            this.ledger.record(connection, from, snapshot.getFileName().toString(), Instant.now(this.clock));
        } catch (SQLException | RestoreException ex) {
            String message = "Restoring " + snapshot + " into " + database.path() + " (" + RequestedSnapshot.PROPERTY
                    + "=" + from + ") FAILED: " + ex.getMessage() + ". The database as it was before is in "
                    + before.file() + "; stop the application and restore by hand (docs/operations.md, "
                    + "\"Restoring by hand\")";
            logger.error(message);
            throw new RestoreException(message, ex);
        }
        String message = "Restored " + database.path() + " from snapshot " + snapshot + " ("
                + RequestedSnapshot.PROPERTY + "=" + from + "); the database as it was is kept in " + before.file()
                + ". Remove " + RequestedSnapshot.PROPERTY + " once you are done: this request will not run again";
        logger.warn(message);
        return RestoreRecord.restored(
                RestoreTrigger.STARTUP, snapshot, message, Duration.ofNanos(System.nanoTime() - start));
    }

    private Optional<String> lastRequest(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return this.ledger.lastRequest(connection);
        } catch (SQLException ex) {
            throw new RestoreException(
                    "Could not read " + RestoreLedger.TABLE + " to see whether " + RequestedSnapshot.PROPERTY
                            + " was already carried out: " + ex.getMessage(),
                    ex);
        }
    }
}
