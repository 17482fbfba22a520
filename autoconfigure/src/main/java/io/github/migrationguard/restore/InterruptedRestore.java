package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The first thing a guarded run does: when a restore was cut short (a crash, {@code kill -9}, power loss), its
 * recorded intent is still in the backup directory, and the live database may hold part of the snapshot. Completes it
 * from the same snapshot, once its SHA-256 proves it unchanged; when that is impossible, stops startup rather than
 * serve a half-restored database.
 */
final class InterruptedRestore {

    private static final Log logger = LogFactory.getLog(InterruptedRestore.class);

    private final JournaledRestore restore;

    InterruptedRestore(SnapshotRestorer restorer, Clock clock) {
        this.restore = new JournaledRestore(restorer, clock);
    }

    /**
     * Completes an interrupted restore of this database, if there is one.
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param backupDir the directory the database's snapshots are in
     * @return the completed restore, or empty when none was interrupted
     * @throws RestoreException when the interrupted restore cannot be completed
     */
    Optional<RestoreRecord> completeIfAny(DataSource dataSource, DatabaseFile database, Path backupDir) {
        Optional<RestoreIntent> pending = JournaledRestore.pending(backupDir);
        if (pending.isEmpty() || !database.exists()) {
            return Optional.empty();
        }
        RestoreIntent intent = pending.get();
        if (!intent.target().toAbsolutePath().equals(database.path())) {
            logger.warn("Ignoring " + JournaledRestore.journal(backupDir).path() + ": it records a restore into "
                    + intent.target() + ", not into " + database.path());
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            complete(dataSource, database, backupDir, intent);
        } catch (RestoreException ex) {
            // Counted with the trigger the restore had, like its completion
            throw new RestoreException(ex.getMessage(), ex.getCause(), intent.trigger());
        }
        String message = "Completed the interrupted restore of " + database.path() + " from snapshot "
                + intent.snapshot() + " (begun at " + intent.startedAt() + ", "
                + intent.trigger().value() + ")";
        logger.warn(message);
        return Optional.of(RestoreRecord.restored(
                intent.trigger(), intent.snapshot(), message, Duration.ofNanos(System.nanoTime() - start)));
    }

    private void complete(DataSource dataSource, DatabaseFile database, Path backupDir, RestoreIntent intent) {
        requireUnchanged(intent);
        logger.warn("A restore of " + intent.snapshot() + " into " + database.path() + " begun at " + intent.startedAt()
                + " was cut short; completing it now, before anything else");
        try (Connection live = dataSource.getConnection()) {
            this.restore.complete(live, intent, JournaledRestore.journal(backupDir));
        } catch (SQLException | RestoreException ex) {
            throw new RestoreException(
                    "Could not complete the interrupted restore of " + intent.snapshot() + " into "
                            + database.path() + ": " + ex.getMessage()
                            + ". Startup stopped so that a half-restored database "
                            + "is not served; stop the application and restore that snapshot by hand (docs/operations.md, "
                            + "\"Restoring by hand\")",
                    ex);
        }
    }

    private static void requireUnchanged(RestoreIntent intent) {
        if (!Files.isRegularFile(intent.snapshot())) {
            throw new RestoreException("A restore of " + intent.snapshot() + " into " + intent.target() + " was cut "
                    + "short, and that snapshot is gone. The database may be half restored: startup stopped. Put "
                    + "the snapshot back, or restore another one by hand (docs/operations.md, \"Restoring by hand\")");
        }
        String sha256 = FileDigest.sha256(intent.snapshot());
        if (!sha256.equals(intent.sha256())) {
            throw new RestoreException("A restore of " + intent.snapshot() + " into " + intent.target() + " was cut "
                    + "short, and that snapshot has changed since (SHA-256 " + sha256 + ", was " + intent.sha256()
                    + "). The database may be half restored: startup stopped. Restore a snapshot by hand "
                    + "(docs/operations.md, \"Restoring by hand\")");
        }
    }
}
