package io.github.migrationguard.testing;

import java.nio.file.Path;

/**
 * The migrations of the checksum drift incident: V1 to V10, each creating its own table, V9 with an index and a row.
 */
public final class IncidentMigrations {

    private IncidentMigrations() {}

    /**
     * Writes V1 to V10 to a directory.
     * @param dir the directory
     * @return the migrations
     */
    public static Migrations writeTen(Path dir) {
        Migrations migrations = new Migrations(dir);
        for (int i = 1; i <= 10; i++) {
            migrations.add(
                    "V" + i + "__table_" + i + ".sql",
                    (i == 9) ? v9() : "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, name VARCHAR(50));\n");
        }
        return migrations;
    }

    /**
     * Returns V9 as first applied.
     * @return the SQL
     */
    public static String v9() {
        return "CREATE TABLE t9 (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
                + "CREATE INDEX t9_name ON t9 (name);\n"
                + "INSERT INTO t9 (id, name) VALUES (1, 'a  b');\n";
    }
}
