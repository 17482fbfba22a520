package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Internal: opens direct SQLite connections to snapshot files, outside the application's pool, so that working on a
 * snapshot never waits for (or takes) one of the application's connections; and reads one value (a pragma) through
 * any connection.
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

    /**
     * Reads the one value a statement returns, a pragma's for example.
     * @param connection the connection
     * @param sql the statement, returning one row of one column
     * @return the value as text
     * @throws SQLException on a database error
     */
    public static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * Reads the one number a statement returns, a pragma's for example.
     * @param connection the connection
     * @param sql the statement, returning one row of one integer
     * @return the number
     * @throws SQLException on a database error
     */
    public static long number(Connection connection, String sql) throws SQLException {
        return Long.parseLong(text(connection, sql));
    }

    /**
     * Tells whether the database of a connection is in WAL mode.
     * @param connection the connection
     * @return whether {@code PRAGMA journal_mode} says {@code wal}
     * @throws SQLException on a database error
     */
    public static boolean inWalMode(Connection connection) throws SQLException {
        return "wal".equalsIgnoreCase(text(connection, "PRAGMA journal_mode"));
    }
}
