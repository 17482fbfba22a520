package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Internal: opens direct SQLite connections to snapshot files, outside the application's pool, so that working on a
 * snapshot never waits for (or takes) one of the application's connections.
 */
public final class SqliteConnections {

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteConnections() {}

    /**
     * Opens a read-write connection to an existing SQLite file.
     * @param file the file
     * @return a new connection, to be closed by the caller
     * @throws SQLException when the file cannot be opened
     */
    public static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        // No URL parsing: the file name is passed as it is, so quotes, spaces, '?' and non-ASCII all work
        return new JDBC4Connection("jdbc:sqlite:", file.toAbsolutePath().toString(), config.toProperties());
    }

    /**
     * Opens a read-only connection to an existing SQLite file, for looking inside a snapshot without changing it.
     * @param file the file
     * @return a new connection, to be closed by the caller
     * @throws SQLException when the file cannot be opened
     */
    public static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setReadOnly(true);
        return new JDBC4Connection("jdbc:sqlite:", file.toAbsolutePath().toString(), config.toProperties());
    }
}
