package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SqlIdentifiers;
import io.github.migrationguard.snapshot.SqlLiterals;
import io.github.migrationguard.snapshot.SqliteConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether a file to be restored is a copy of this application's database rather than some other SQLite file: it
 * has this application's Flyway schema history table, the same {@code application_id}, and every version it shares
 * with the live history was applied from the same script.
 */
final class SnapshotOrigin {

    private final String historyTable;

    SnapshotOrigin(String historyTable) {
        this.historyTable = historyTable;
    }

    /**
     * Returns why the file is not a copy of the live database, if it is not.
     * @param snapshot the file to be restored
     * @param live a connection to the live database
     * @return what shows it is another database, or empty when nothing does
     * @throws SQLException when either database cannot be read
     */
    Optional<String> foreignEvidence(Path snapshot, Connection live) throws SQLException {
        try (Connection copy = SqliteConnections.openReadOnly(snapshot)) {
            if (!hasTable(copy, this.historyTable)) {
                return Optional.of("it has no Flyway schema history table " + this.historyTable);
            }
            long copyId = SqliteConnections.number(copy, "PRAGMA application_id");
            long liveId = SqliteConnections.number(live, "PRAGMA application_id");
            if (copyId != 0 && liveId != 0 && copyId != liveId) {
                return Optional.of("its PRAGMA application_id is " + copyId + " and the live database's " + liveId);
            }
            return differentScripts(scripts(copy), hasTable(live, this.historyTable) ? scripts(live) : Map.of());
        }
    }

    private static Optional<String> differentScripts(Map<String, String> copy, Map<String, String> live) {
        List<String> differences = new ArrayList<>();
        copy.forEach((version, script) -> {
            String liveScript = live.get(version);
            if (liveScript != null && !liveScript.equals(script)) {
                differences.add("version " + version + " was applied from " + script + " there and from " + liveScript
                        + " here");
            }
        });
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }

    private Map<String, String> scripts(Connection connection) throws SQLException {
        Map<String, String> scripts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, script FROM "
                        + SqlIdentifiers.quote(this.historyTable) + " WHERE version IS NOT NULL AND success = 1")) {
            while (rows.next()) {
                scripts.put(rows.getString(1), rows.getString(2));
            }
        }
        return scripts;
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = " + SqlLiterals.quote(table))) {
            return rows.next();
        }
    }
}
