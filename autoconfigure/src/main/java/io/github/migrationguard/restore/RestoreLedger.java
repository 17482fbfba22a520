package io.github.migrationguard.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The table in the live database that remembers restore requests carried out at startup, so that a
 * {@code restore.from} left in the configuration restores only once. It lives in the restored database itself: every
 * later snapshot carries it, and restoring an older snapshot brings back that snapshot's own ledger.
 */
final class RestoreLedger {

    /**
     * Name of the table, owned by migration-guard.
     */
    static final String TABLE = "migration_guard_restore";

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE
            + " (id INTEGER PRIMARY KEY AUTOINCREMENT, request TEXT NOT NULL, snapshot TEXT NOT NULL,"
            + " restored_at TEXT NOT NULL)";

    /**
     * Returns the latest request carried out.
     * @param connection a connection to the live database
     * @return the {@code restore.from} value of the latest restore at startup, or empty when none is recorded
     * @throws SQLException on a database error
     */
    Optional<String> lastRequest(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '" + TABLE + "'")) {
                if (!tables.next()) {
                    return Optional.empty();
                }
            }
            try (ResultSet rows =
                    statement.executeQuery("SELECT request FROM " + TABLE + " ORDER BY id DESC LIMIT 1")) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Records a request carried out.
     * @param connection a connection to the live database, in auto-commit mode
     * @param request the {@code restore.from} value
     * @param snapshot the file name of the snapshot restored
     * @param restoredAt when
     * @throws SQLException on a database error
     */
    void record(Connection connection, String request, String snapshot, Instant restoredAt) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (request, snapshot, restored_at) VALUES (?, ?, ?)")) {
            insert.setString(1, request);
            insert.setString(2, snapshot);
            insert.setString(3, restoredAt.toString());
            insert.executeUpdate();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
