package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Step 5 of a guarded run, when Flyway's migrate fails: restores the verified snapshot taken earlier in the same run
 * into the live database, through one connection of the application's data source. A failed restore is logged at
 * ERROR and the snapshot is kept for a restore by hand.
 */
final class RestoreOnFailure {

    private static final Log logger = LogFactory.getLog(RestoreOnFailure.class);

    private final JournaledRestore restore;

    RestoreOnFailure(SnapshotRestorer restorer) {
        this(restorer, Clock.systemUTC());
    }

    RestoreOnFailure(SnapshotRestorer restorer, Clock clock) {
        this.restore = new JournaledRestore(restorer, clock);
    }

    /**
     * Restores the run's snapshot after a failed migration.
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param snapshot the verified snapshot of this run
     * @param failure why the migration failed
     * @return what came of the restore
     */
    RestoreRecord restore(DataSource dataSource, DatabaseFile database, Path snapshot, Throwable failure) {
        long start = System.nanoTime();
        logger.warn("Migration of " + database.path() + " failed (" + firstLine(failure.getMessage())
                + "); restoring snapshot " + snapshot + " (migration-guard.restore.on-failure=true)");
        try (Connection connection = dataSource.getConnection()) {
            this.restore.restore(connection, database.path(), snapshot, RestoreTrigger.FAILURE);
        } catch (SQLException | RestoreException ex) {
            String message = "Restoring snapshot " + snapshot + " into " + database.path() + " after the failed "
                    + "migration FAILED: " + ex.getMessage() + ". The database may be partly migrated. The snapshot "
                    + "is kept: stop the application and restore it by hand (docs/operations.md, \"Restoring by hand\")";
            logger.error(message, ex);
            return RestoreRecord.failed(RestoreTrigger.FAILURE, snapshot, message, elapsed(start));
        }
        String message = "Restored " + database.path() + " from snapshot " + snapshot + " after the failed migration";
        logger.warn(message);
        return RestoreRecord.restored(RestoreTrigger.FAILURE, snapshot, message, elapsed(start));
    }

    private static String firstLine(String message) {
        // Flyway's messages run over several lines; the full one is in the startup failure that follows
        return (message != null) ? message.lines().findFirst().orElse("") : "no message";
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
