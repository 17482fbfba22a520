package io.github.migrationguard.restore;

import io.github.migrationguard.testing.Migrations;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The migrations of an application release after release, for tests that follow an upgrade step by step.
 */
final class UpgradeScripts {

    private final Migrations migrations;

    UpgradeScripts(Path dir) {
        this.migrations = new Migrations(dir);
    }

    UpgradeScripts add(String fileName, String sql) {
        this.migrations.add(fileName, sql);
        return this;
    }

    /**
     * Adds V1 to V4: a table of notes filled over four versions.
     * @return this
     */
    UpgradeScripts upToV4() {
        return add("V1__notes.sql", "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL);")
                .add("V2__first_notes.sql", "INSERT INTO note (body) VALUES ('one'), ('two');")
                .add("V3__tags.sql", "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);")
                .add("V4__more_notes.sql", "INSERT INTO note (body) VALUES ('three');");
    }

    /**
     * Adds V5, which works, and V6, which fails after its first statement outside a transaction.
     * @return this
     */
    UpgradeScripts v5FineThenV6Failing() {
        return add(
                        "V5__add_column.sql",
                        "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\n"
                                + "UPDATE note SET pinned = 1 WHERE body = 'one';")
                .add(
                        "V6__broken.sql",
                        "CREATE TABLE audit (id INTEGER PRIMARY KEY);\n"
                                + "INSERT INTO audit (id) VALUES (1);\n"
                                + "INSERT INTO no_such_table (id) VALUES (1);")
                // Outside a transaction the first statements of V6 stay applied: the worst case to undo
                .add("V6__broken.sql.conf", "executeInTransaction=false\n");
    }

    Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(this.migrations.location())
                .load();
    }
}
