package io.github.migrationguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of Flyway SQL migrations, for tests that change files between boots.
 */
public final class MigrationFiles {

    private final Path directory;

    public MigrationFiles(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Returns the Flyway location of this directory.
     * @return {@code filesystem:} and the path
     */
    public String location() {
        return "filesystem:" + this.directory;
    }

    /**
     * Writes a migration file, replacing it if it exists.
     * @param name the file name, such as {@code V9__add_index.sql}
     * @param sql the content
     * @return this directory
     */
    public MigrationFiles write(String name, String sql) {
        try {
            Files.writeString(this.directory.resolve(name), sql, StandardCharsets.UTF_8);
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Writes V1 to V10, each creating its own table {@code t1} to {@code t10}, V9 with an index and a row.
     * @return this directory
     */
    public MigrationFiles writeTenMigrations() {
        for (int i = 1; i <= 10; i++) {
            write(
                    "V" + i + "__table_" + i + ".sql",
                    (i == 9) ? v9() : "CREATE TABLE t" + i + " (id INTEGER PRIMARY KEY, name VARCHAR(50));\n");
        }
        return this;
    }

    /**
     * Returns the V9 written by {@link #writeTenMigrations()}.
     * @return the SQL
     */
    public static String v9() {
        return "CREATE TABLE t9 (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
                + "CREATE INDEX t9_name ON t9 (name);\n"
                + "INSERT INTO t9 (id, name) VALUES (1, 'a  b');\n";
    }

    public Path directory() {
        return this.directory;
    }
}
