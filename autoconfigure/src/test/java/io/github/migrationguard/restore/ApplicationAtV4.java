package io.github.migrationguard.restore;

import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * An application whose SQLite database has been migrated to V4 ({@link UpgradeScripts#upToV4()}), ready for the next
 * upgrade.
 *
 * @param db the database file
 * @param dataSource a WAL data source on it
 * @param migrations its migrations, to which tests add the next release
 */
record ApplicationAtV4(Path db, DataSource dataSource, UpgradeScripts migrations) {

    static ApplicationAtV4 in(Path dir) {
        Path db = dir.resolve("app.db");
        DataSource dataSource = TestDatabases.wal(db);
        UpgradeScripts migrations = new UpgradeScripts(dir.resolve("migrations")).upToV4();
        migrations.flyway(dataSource).migrate();
        return new ApplicationAtV4(db, dataSource, migrations);
    }
}
