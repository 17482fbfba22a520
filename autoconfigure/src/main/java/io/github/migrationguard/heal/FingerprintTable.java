package io.github.migrationguard.heal;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * The table of fingerprints, one row per applied versioned SQL migration, beside Flyway's schema history table.
 */
final class FingerprintTable {

    private final FlywayDatabase database;

    private final String name;

    FingerprintTable(FlywayDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    /**
     * Returns the recorded fingerprints, without creating the table.
     * @return fingerprint and checksum by version; empty when the table does not exist yet
     */
    Map<String, Recorded> read() {
        if (!exists()) {
            return Map.of();
        }
        Map<String, Recorded> recorded = new HashMap<>();
        this.database.jdbc().query(select(), (row) -> {
            int checksum = row.getInt(3);
            recorded.put(row.getString(1), new Recorded(row.getString(2), row.wasNull() ? null : checksum));
        });
        return recorded;
    }

    /**
     * Creates the table unless it exists.
     */
    void create() {
        if (!exists()) {
            this.database
                    .jdbc()
                    .execute("CREATE TABLE " + table() + " (" + column("version")
                            + " VARCHAR(50) NOT NULL PRIMARY KEY, " + column("script") + " VARCHAR(1000) NOT NULL, "
                            + column("checksum") + " INTEGER, " + column("fingerprint") + " VARCHAR(100) NOT NULL, "
                            + column("recorded_at") + " VARCHAR(40) NOT NULL)");
        }
    }

    /**
     * Records the fingerprint of a version's file, replacing an older one.
     * @param version the version
     * @param script the script
     * @param checksum the checksum of the file, as in the schema history
     * @param fingerprint the fingerprint of the file
     * @param now the time of recording
     */
    void save(String version, String script, Integer checksum, String fingerprint, Instant now) {
        Object[] values = {script, checksum, fingerprint, now.toString(), version};
        String update = "UPDATE " + table() + " SET " + column("script") + " = ?, " + column("checksum") + " = ?, "
                + column("fingerprint") + " = ?, " + column("recorded_at") + " = ? WHERE " + column("version") + " = ?";
        if (this.database.jdbc().update(update, values) == 0) {
            String insert = "INSERT INTO " + table() + " (" + column("script") + ", " + column("checksum") + ", "
                    + column("fingerprint") + ", " + column("recorded_at") + ", " + column("version")
                    + ") VALUES (?, ?, ?, ?, ?)";
            this.database.jdbc().update(insert, values);
        }
    }

    /**
     * Whether the table exists. Asked on the connection itself: a failed query through JdbcTemplate would first load
     * Spring's SQL error codes, which costs a fresh application more than recording its fingerprints.
     */
    private boolean exists() {
        String probe = "SELECT COUNT(*) FROM " + table() + " WHERE 1 = 0";
        return Boolean.TRUE.equals(this.database.jdbc().execute((ConnectionCallback<Boolean>) (connection) -> {
            // Inside the recording transaction a failed statement aborts the whole transaction on some databases
            // (PostgreSQL): a savepoint keeps the probe's failure to itself
            Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery(probe).close();
                return true;
            } catch (SQLException ex) {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
                return false;
            }
        }));
    }

    private String select() {
        return "SELECT " + column("version") + ", " + column("fingerprint") + ", " + column("checksum") + " FROM "
                + table();
    }

    private String table() {
        return this.database.qualify(this.name);
    }

    private String column(String column) {
        return this.database.quote(column);
    }

    /**
     * A recorded fingerprint.
     *
     * @param fingerprint the fingerprint of the file when its checksum matched
     * @param checksum the checksum it was recorded with
     */
    record Recorded(String fingerprint, Integer checksum) {}
}
