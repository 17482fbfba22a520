package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Internal: SQLite's online backup API, in both directions: {@link #copy} the database a connection holds into a file,
 * or {@link #restore} a file into it. Both copy every page in a single step. Stepping a few pages at a time restarts
 * from scratch whenever another connection writes, which under a busy writer never finishes; one step reads a
 * consistent view while WAL writers carry on, and writes every page under one write lock. {@link #copyPaced} steps
 * all the same, inside one read transaction of its own: SQLite restarts a backup when it sees another connection's
 * commit as it begins a read, and within one read transaction it never begins another, so every step reads the same
 * consistent view.
 */
public final class OnlineBackup {

    private static final int ALL_PAGES = -1;

    private static final String MAIN = "main";

    /**
     * How long a copy sleeps between attempts while the copy's target is busy.
     */
    private static final int COPY_SLEEP_MILLIS = 100;

    private static final int COPY_BUSY_RETRIES = 50;

    /**
     * Copies the database of a connection into a new file.
     * @param source a connection to the database to copy
     * @param target the file to write
     * @throws SQLException when SQLite reports that the copy failed
     */
    public void copy(Connection source, Path target) throws SQLException {
        int result =
                sqlite(source).backup(MAIN, target.toString(), null, COPY_SLEEP_MILLIS, COPY_BUSY_RETRIES, ALL_PAGES);
        requireOk(result, "online backup to " + target);
    }

    /**
     * Copies the database of a connection in WAL mode into a new file while the application writes to it, paced
     * ({@link BackupPace}): a few MB per step, a rest as long as each step after it, the copy flushed to disk as it
     * grows. Writers carry on throughout (in WAL mode a reader never blocks them); the copy holds the database as it
     * was when the read transaction began. A database in another journal mode is copied in one step, as
     * {@link #copy}: there a reader blocks writers from committing, and resting would only make them wait longer.
     * @param source a connection to the database to copy, outside any transaction
     * @param target the file to write
     * @throws SQLException when SQLite reports that the copy failed
     * @throws IOException when the copy could not be flushed to disk
     */
    public void copyPaced(Connection source, Path target) throws SQLException, IOException {
        copyPaced(source, target, () -> {});
    }

    /**
     * Copies as {@link #copyPaced(Connection, Path)}, running something between two steps.
     * @param source a connection to the database to copy, outside any transaction
     * @param target the file to write
     * @param afterEachStep what runs after each step but the last
     * @throws SQLException when SQLite reports that the copy failed
     * @throws IOException when the copy could not be flushed to disk
     */
    void copyPaced(Connection source, Path target, Runnable afterEachStep) throws SQLException, IOException {
        if (!SqliteConnections.inWalMode(source)) {
            copy(source, target);
            return;
        }
        BackupPace pace =
                new BackupPace(target, (int) SqliteConnections.number(source, "PRAGMA page_size"), afterEachStep);
        try (Statement statement = source.createStatement()) {
            statement.execute("BEGIN");
            try {
                // Begins the read transaction every step then reads within
                SqliteConnections.text(source, "SELECT count(*) FROM sqlite_schema");
                int result = sqlite(source)
                        .backup(
                                MAIN,
                                target.toString(),
                                pace,
                                COPY_SLEEP_MILLIS,
                                COPY_BUSY_RETRIES,
                                pace.pagesPerStep());
                requireOk(result, "online backup to " + target);
            } finally {
                try {
                    statement.execute("ROLLBACK");
                } finally {
                    pace.passOnInterrupt();
                }
            }
        }
        pace.checkFlushed();
    }

    /**
     * Replaces the database of a connection with the content of a file, in one step that takes the write lock through
     * the connection's busy handler ({@code PRAGMA busy_timeout}) and either commits every page or none. Never retried
     * here: a retried step after a busy commit would hold the write lock across sleeps. sqlite-jdbc returns the result
     * of the file's handle, so a step that could not write the live database still reports success: the caller must
     * compare the database with the file afterwards.
     * @param live a connection to the database to overwrite, outside any transaction
     * @param source the database file to restore
     * @throws SQLException when SQLite reports that the restore failed
     */
    public void restore(Connection live, Path source) throws SQLException {
        int result = sqlite(live).restore(MAIN, source.toString(), null, 0, 0, ALL_PAGES);
        requireOk(result, "online restore from " + source);
    }

    private static org.sqlite.core.DB sqlite(Connection connection) throws SQLException {
        return connection.unwrap(SQLiteConnection.class).getDatabase();
    }

    private static void requireOk(int result, String what) throws SQLException {
        if (result != 0) {
            SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(result);
            throw new SQLException("SQLite " + what + " failed: " + code.message + " (" + code + ")", null, result);
        }
    }
}
