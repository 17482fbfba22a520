package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downgrade check through the plain engine, without Spring Boot.
 */
class DowngradeRestoreTests {

    private static final RestoreSettings ON_DOWNGRADE = new RestoreSettings(true, null, false, true, false);

    @TempDir
    Path temp;

    @Test
    void databaseThatIsNotSqliteIsReportedAheadWithoutASnapshotAndLeftAlone() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:downgrade;DB_CLOSE_DELAY=-1");
        UpgradeScripts older = tables(this.temp.resolve("older"), 2);
        UpgradeScripts newer = tables(this.temp.resolve("newer"), 4);
        newer.flyway(h2).migrate();
        MigrationReport report = RestoreOnFailureTests.guarded(ON_DOWNGRADE, new MigrationReports())
                .migrate(older.flyway(h2));
        assertThat(report.restores()).isEmpty();
        assertThat(report.ahead()).satisfies((ahead) -> {
            assertThat(ahead.databaseVersion()).isEqualTo("4");
            assertThat(ahead.applicationVersion()).isEqualTo("2");
            assertThat(ahead.snapshot()).isNull();
            assertThat(ahead.message()).contains("not SQLite").contains("no snapshot to go back to");
        });
        assertThat(newer.flyway(h2).info().current().getVersion().getVersion()).isEqualTo("4");
    }

    private static UpgradeScripts tables(Path dir, int latest) {
        UpgradeScripts scripts = new UpgradeScripts(dir);
        for (int version = 1; version <= latest; version++) {
            scripts.add("V" + version + "__table" + version + ".sql", "CREATE TABLE t" + version + " (id INTEGER);");
        }
        return scripts;
    }
}
