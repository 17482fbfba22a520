package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.IntegrityCheck;
import io.github.migrationguard.snapshot.OnlineBackup;
import io.github.migrationguard.snapshot.SqliteConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Restores a snapshot into the live database through SQLite's online backup API, on a connection the caller
 * holds, so that SQLite itself rewrites the pages and keeps the {@code -wal} and {@code -shm} files coherent for every
 * other connection. Copies in one backup step: the step takes the database's write lock (waiting for other connections
 * up to {@link #DEFAULT_LOCK_WAIT}), writes every page and commits, so the live file only changes while the lock is
 * held, and either every page changes or none. Then proves the live database matches the snapshot page for page and
 * passes {@code quick_check}. When the lock cannot be had, nothing changed and {@link RestoreNotStartedException} says
 * so.
 */
final class SnapshotRestorer {

    private static final Log logger = LogFactory.getLog(SnapshotRestorer.class);

    /**
     * How long a restore waits for other connections to release the write lock (and, in rollback-journal mode, for
     * readers to finish) before it gives up with nothing changed.
     */
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    private final Duration lockWait;

    private final OnlineBackup onlineBackup = new OnlineBackup();

    SnapshotRestorer() {
        this(DEFAULT_LOCK_WAIT);
    }

    SnapshotRestorer(Duration lockWait) {
        this.lockWait = lockWait;
    }

    /**
     * Replaces the content of the live database with the snapshot.
     * @param live a connection to the live database, freshly borrowed (nothing pending), in either commit mode; left
     * open, in the mode it came in
     * @param snapshot a verified snapshot file
     * @throws RestoreNotStartedException when the write lock could not be had in time; nothing was changed
     * @throws RestoreException when the live database does not hold the snapshot afterwards
     */
    void restoreInto(Connection live, Path snapshot) {
        try {
            boolean autoCommit = live.getAutoCommit();
            if (!autoCommit) {
                // The backup API and the checkpoint both need the live connection outside any transaction
                live.setAutoCommit(true);
            }
            try {
                restoreAndCheck(live, snapshot);
            } finally {
                if (!autoCommit) {
                    live.setAutoCommit(false);
                }
            }
        } catch (SQLException ex) {
            throw new RestoreException("Could not restore " + snapshot + ": " + ex.getMessage(), ex);
        }
    }

    private void restoreAndCheck(Connection live, Path snapshot) throws SQLException {
        Expected expected = expectedOf(snapshot);
        checkPageSize(live, snapshot, expected.fingerprint());
        DatabaseFingerprint before = DatabaseFingerprint.of(live);
        // data_version changes only when another connection commits: it tells whether what the checks read below is
        // the restore alone, or the restore plus a writer that got the lock right after it
        long dataVersion = SqliteConnections.number(live, "PRAGMA data_version");
        copyUnderWriteLock(live, snapshot);
        try (Statement statement = live.createStatement()) {
            // One read transaction: every check reads the same state, whatever writers do meanwhile
            statement.execute("BEGIN");
            try {
                DatabaseFingerprint after = DatabaseFingerprint.of(live);
                boolean othersCommitted = SqliteConnections.number(live, "PRAGMA data_version") != dataVersion;
                check(live, snapshot, expected, before, after, othersCommitted);
            } finally {
                statement.execute("ROLLBACK");
            }
        }
        checkpoint(live);
    }

    private void check(
            Connection live,
            Path snapshot,
            Expected expected,
            DatabaseFingerprint before,
            DatabaseFingerprint after,
            boolean othersCommitted)
            throws SQLException {
        if (after.equals(expected.fingerprint())) {
            if (!PageMap.of(live).equals(expected.pages()) && !othersCommitted) {
                throw new RestoreException(
                        "The live database does not match snapshot " + snapshot + " page for page after the restore");
            }
        } else if (!othersCommitted
                || !after.schema().equals(expected.fingerprint().schema())) {
            // sqlite-jdbc returns the result code of the snapshot's handle, so a failed write into the live
            // database looks like success; the single step either committed every page or rolled all back
            if (after.equals(before) || (othersCommitted && after.schema().equals(before.schema()))) {
                throw new RestoreNotStartedException("Could not restore " + snapshot + ": another connection held "
                        + "the write lock of the live database (or, in rollback-journal mode, kept reading) for "
                        + "longer than " + this.lockWait.toSeconds() + " s; nothing was changed");
            }
            throw new RestoreException("The live database does not match snapshot " + snapshot
                    + " after the restore, and no longer matches what it was before either");
        } else if (before.schema().equals(expected.fingerprint().schema())) {
            // Same schema before and after, and another connection wrote since: whether the restore happened cannot
            // be told from here, and claiming it did would be a lie
            throw new RestoreException("Could not tell whether snapshot " + snapshot + " was restored: another "
                    + "connection wrote to the live database right after the restore step; stop the other writers "
                    + "and restart to restore again");
        }
        // Otherwise the snapshot's schema is in place and a writer added rows after the restore: complete
        try (Statement statement = live.createStatement()) {
            Optional<String> failure =
                    IntegrityCheck.QUICK.failure(statement, "After restoring " + snapshot + ", the live database");
            if (failure.isPresent()) {
                throw new RestoreException(failure.get());
            }
        }
    }

    private static void checkPageSize(Connection live, Path snapshot, DatabaseFingerprint expected)
            throws SQLException {
        long livePageSize = SqliteConnections.number(live, "PRAGMA page_size");
        if (livePageSize != expected.pageSize() && SqliteConnections.inWalMode(live)) {
            throw new RestoreException("Snapshot " + snapshot + " has pages of " + expected.pageSize()
                    + " bytes and the live database, in WAL mode, of " + livePageSize
                    + "; SQLite cannot restore across page sizes in WAL mode");
        }
    }

    private static Expected expectedOf(Path snapshot) throws SQLException {
        try (Connection connection = SqliteConnections.openReadOnly(snapshot)) {
            return new Expected(DatabaseFingerprint.of(connection), PageMap.of(connection));
        }
    }

    private void copyUnderWriteLock(Connection live, Path snapshot) throws SQLException {
        int busyTimeout = (int) SqliteConnections.number(live, "PRAGMA busy_timeout");
        try (Statement statement = live.createStatement()) {
            // The one backup step waits for the write lock through this connection's busy handler: a bounded wait,
            // after which the step rolls back and the live database is as it was
            statement.execute("PRAGMA busy_timeout = " + this.lockWait.toMillis());
            try {
                this.onlineBackup.restore(live, snapshot);
            } finally {
                statement.execute("PRAGMA busy_timeout = " + busyTimeout);
            }
        }
    }

    /**
     * What the live database must look like once the snapshot is in place.
     */
    private record Expected(DatabaseFingerprint fingerprint, PageMap pages) {}

    private static void checkpoint(Connection live) {
        // In WAL mode the restore wrote every page to the -wal file; fold it back so it does not hold a second copy
        try (Statement statement = live.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            rows.next();
        } catch (SQLException ex) {
            logger.warn("Restored, but could not checkpoint the WAL afterwards (" + ex.getMessage()
                    + "); SQLite will fold it back at a later checkpoint");
        }
    }
}
