package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotVerifier;
import io.github.migrationguard.snapshot.Verification;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@code migration-guard.restore.if-missing=true}: when the database file does not exist (a new machine, a lost disk),
 * restores the newest intact snapshot, from the backup directory or, when it is newer there, from the bucket, before
 * anything else. No {@code pre-restore} snapshot: there is nothing to keep.
 */
final class RestoreIfMissing {

    static final String PROPERTY = "migration-guard.restore.if-missing";

    /**
     * What the restore ledger records as the request of such a restore.
     */
    static final String REQUEST = "if-missing";

    private static final Log logger = LogFactory.getLog(RestoreIfMissing.class);

    private final Clock clock;

    private final SnapshotRestorer restorer;

    private final RemoteSnapshotSource remote;

    private final RestoreLedger ledger = new RestoreLedger();

    /**
     * Creates the step.
     * @param clock the clock for the ledger
     * @param restorer the restorer
     * @param remote the snapshots off this machine, or {@code null}
     */
    RestoreIfMissing(Clock clock, SnapshotRestorer restorer, RemoteSnapshotSource remote) {
        this.clock = clock;
        this.restorer = restorer;
        this.remote = remote;
    }

    /**
     * Restores the newest snapshot when the database file is missing.
     * @param dataSource the application's data source
     * @param snapshotSettings where snapshots are
     * @return what was done, or empty when the database exists or there is nothing to restore
     * @throws RestoreException when a snapshot exists but cannot be restored, or the bucket cannot be read
     */
    Optional<RestoreRecord> restoreIfMissing(DataSource dataSource, SnapshotSettings snapshotSettings) {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (DatabaseFile.locate(connection).exists()) {
                return Optional.empty();
            }
            Optional<Path> database = missingFile(connection);
            if (database.isEmpty()) {
                return Optional.empty();
            }
            SnapshotDirectory directory = snapshotSettings.directoryFor(database.get());
            Optional<Path> snapshot = newest(directory, snapshotSettings.historyTable());
            if (snapshot.isEmpty()) {
                logger.info("No database file at " + database.get() + " and no snapshot in " + directory.path()
                        + where() + " (" + PROPERTY + "=true): starting with a new database");
                return Optional.empty();
            }
            return Optional.of(restore(connection, database.get(), snapshot.get(), start));
        } catch (SQLException ex) {
            throw new RestoreException(
                    PROPERTY + "=true: could not restore the missing database: " + ex.getMessage()
                            + "; nothing was changed",
                    ex);
        }
    }

    private RestoreRecord restore(Connection connection, Path database, Path snapshot, long start) throws SQLException {
        this.restorer.restoreInto(connection, snapshot);
        this.ledger.record(connection, REQUEST, snapshot.getFileName().toString(), Instant.now(this.clock));
        String message = "The database file " + database + " was missing; restored it from snapshot " + snapshot + " ("
                + PROPERTY + "=true)";
        logger.warn(message);
        return RestoreRecord.restored(
                RestoreTrigger.STARTUP, snapshot, message, Duration.ofNanos(System.nanoTime() - start));
    }

    private Optional<Path> newest(SnapshotDirectory directory, String historyTable) {
        List<StoredSnapshot> local = directory.list().stream()
                .filter((stored) -> stored.name().label() != SnapshotLabel.PRE_RESTORE)
                .toList();
        Instant newestLocal = local.isEmpty()
                ? Instant.MIN
                : local.get(local.size() - 1).name().time();
        if (this.remote != null) {
            Optional<Path> fetched = this.remote.fetchNewest(
                    (name) -> name.label() != SnapshotLabel.PRE_RESTORE
                            && name.time().isAfter(newestLocal),
                    directory,
                    historyTable);
            if (fetched.isPresent()) {
                return fetched;
            }
        }
        for (int i = local.size() - 1; i >= 0; i--) {
            Path file = local.get(i).file();
            try {
                new SnapshotVerifier(historyTable).verify(file, Verification.QUICK);
                return Optional.of(file);
            } catch (SnapshotException ex) {
                // The message names the file and quotes SQLite's problems (or why it could not even be read)
                logger.warn(ex.getMessage() + "; it is not restored, trying the next older one");
            }
        }
        // Every local copy is damaged: any intact one in the bucket is better than none
        return (this.remote != null && !local.isEmpty())
                ? this.remote.fetchNewest((name) -> name.label() != SnapshotLabel.PRE_RESTORE, directory, historyTable)
                : Optional.empty();
    }

    private String where() {
        return (this.remote != null) ? " or " + this.remote.describe() : "";
    }

    // The file the data source names, when it is a SQLite file that does not hold a database yet
    private static Optional<Path> missingFile(Connection connection) throws SQLException {
        if (!"SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                String file = rows.getString("file");
                if ("main".equals(rows.getString("name")) && file != null && !file.isEmpty()) {
                    return Optional.of(Paths.get(file).toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
