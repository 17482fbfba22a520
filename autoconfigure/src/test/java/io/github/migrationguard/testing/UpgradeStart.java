package io.github.migrationguard.testing;

import java.nio.file.Path;

/**
 * Where a database stands before a boot of two migrations, V1 (a table) and V2 (a column): empty, at V1 or at V2, as
 * a plain Flyway left it. For tests that compare a guarded boot with a plain one from the same start.
 */
public enum UpgradeStart {

    /** No database file yet. */
    EMPTY,

    /** V1 applied, V2 pending. */
    AT_V1,

    /** V1 and V2 applied, nothing pending. */
    AT_V2;

    /** V1, the first migration. */
    public static final String V1 = "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);\n";

    /** V2, the second migration. */
    public static final String V2 = "ALTER TABLE item ADD COLUMN size INTEGER;\n";

    /**
     * Writes V1 and V2 into {@code dir/migrations} and migrates {@code dir/app.db} to this start with a plain Flyway.
     * @param dir the directory of the database and its migrations
     * @return the migrations, V1 and V2 both on disk
     */
    public Migrations prepare(Path dir) {
        Migrations migrations = new Migrations(dir.resolve("migrations")).add("V1__item.sql", V1);
        if (this == AT_V1) {
            migrations.flyway(TestDatabases.wal(dir.resolve("app.db"))).migrate();
        }
        migrations.add("V2__size.sql", V2);
        if (this == AT_V2) {
            migrations.flyway(TestDatabases.wal(dir.resolve("app.db"))).migrate();
        }
        return migrations;
    }
}
