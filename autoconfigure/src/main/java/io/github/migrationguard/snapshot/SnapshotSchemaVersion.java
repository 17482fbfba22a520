package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Internal: reads the schema version recorded inside a snapshot file, from its Flyway schema history table.
 */
public final class SnapshotSchemaVersion {

    private SnapshotSchemaVersion() {}

    /**
     * Reads the version of the latest successful versioned migration in a snapshot.
     * @param file the snapshot file
     * @param historyTable the Flyway schema history table
     * @return the version, or {@code null} when the snapshot has no history or cannot be read
     */
    public static String read(Path file, String historyTable) {
        String sql = "SELECT version FROM " + SqlIdentifiers.quote(historyTable)
                + " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";
        try (Connection connection = SqliteConnections.openReadOnly(file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException ex) {
            return null;
        }
    }
}
