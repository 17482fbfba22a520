package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SqliteConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Restores a snapshot into the live database through SQLite's online backup API, on a connection the caller holds, so
 * that SQLite itself rewrites the pages and keeps the {@code -wal} and {@code -shm} files coherent for every other
 * connection. Copies in one step, then proves the live database matches the snapshot and passes {@code quick_check}.
 */
public final class SnapshotRestorer {

    private static final Log logger = LogFactory.getLog(SnapshotRestorer.class);

    private static final int ALL_PAGES = -1;

    private static final int SLEEP_MILLIS = 100;

    private static final int DEFAULT_BUSY_RETRIES = 100;

    private static final int MAX_REPORTED_PROBLEMS = 5;

    private final int busyRetries;

    public SnapshotRestorer() {
        this(DEFAULT_BUSY_RETRIES);
    }

    SnapshotRestorer(int busyRetries) {
        this.busyRetries = busyRetries;
    }

    /**
     * Replaces the content of the live database with the snapshot.
     * @param live a connection to the live database, freshly borrowed (nothing pending), in either commit mode; left
     * open, in the mode it came in
     * @param snapshot a verified snapshot file
     * @throws RestoreException when the live database does not hold the snapshot afterwards
     */
    public void restoreInto(Connection live, Path snapshot) {
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
        DatabaseFingerprint expected = fingerprintOf(snapshot);
        checkPageSize(live, snapshot, expected);
        copyInto(live, snapshot);
        if (!DatabaseFingerprint.of(live).equals(expected)) {
            // sqlite-jdbc returns the result code of the snapshot's handle, so a failed write into the live
            // database can look like success; compare instead
            throw new RestoreException("The live database does not match snapshot " + snapshot
                    + " after the restore: SQLite could not write it, most likely because another connection "
                    + "held the write lock throughout");
        }
        List<String> problems = quickCheck(live);
        if (!problems.isEmpty()) {
            throw new RestoreException(
                    "The live database fails PRAGMA quick_check after restoring " + snapshot + ": " + problems);
        }
        checkpoint(live);
    }

    private static void checkPageSize(Connection live, Path snapshot, DatabaseFingerprint expected)
            throws SQLException {
        long livePageSize = single(live, "PRAGMA page_size");
        if (livePageSize != expected.pageSize() && "wal".equalsIgnoreCase(text(live, "PRAGMA journal_mode"))) {
            throw new RestoreException("Snapshot " + snapshot + " has pages of " + expected.pageSize()
                    + " bytes and the live database, in WAL mode, of " + livePageSize
                    + "; SQLite cannot restore across page sizes in WAL mode");
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        return Long.parseLong(text(connection, sql));
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static DatabaseFingerprint fingerprintOf(Path snapshot) throws SQLException {
        try (Connection connection = SqliteConnections.open(snapshot)) {
            return DatabaseFingerprint.of(connection);
        }
    }

    private void copyInto(Connection live, Path snapshot) throws SQLException {
        SQLiteConnection sqlite = live.unwrap(SQLiteConnection.class);
        int result = sqlite.getDatabase()
                .restore("main", snapshot.toString(), null, SLEEP_MILLIS, this.busyRetries, ALL_PAGES);
        if (result != 0) {
            SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(result);
            throw new SQLException(
                    "SQLite online restore from " + snapshot + " failed: " + code.message + " (" + code + ")",
                    null,
                    result);
        }
    }

    private static List<String> quickCheck(Connection live) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = live.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + MAX_REPORTED_PROBLEMS + ")")) {
            while (rows.next()) {
                if (!"ok".equals(rows.getString(1))) {
                    problems.add(rows.getString(1));
                }
            }
        }
        return problems;
    }

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
