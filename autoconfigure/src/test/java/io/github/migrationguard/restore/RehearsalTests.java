package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.MigrationGuardException;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTests {

    private static final GuardSettings REHEARSE = new GuardSettings(
            RestoreOnFailureTests.snapshotSettings(),
            HealSettings.defaults(),
            RestoreSettings.defaults(),
            true,
            LintSettings.DEFAULTS);

    @TempDir
    Path temp;

    private ApplicationAtV4 app;

    @BeforeEach
    void applicationAtV4() {
        this.app = ApplicationAtV4.in(this.temp);
    }

    @Test
    void failingRehearsalStopsStartupWithTheLiveDatabaseUntouched() throws Exception {
        List<String> before = TestDatabases.dump(this.app.db());
        this.app.migrations().v5FineThenV6Failing();
        MigrationReports reports = new MigrationReports();
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> RestoreOnFailureTests.guarded(REHEARSE, reports)
                        .migrate(this.app.migrations().flyway(this.app.dataSource())))
                .withMessageContaining("Rehearsal failed")
                .withMessageContaining("no such table: no_such_table")
                .withMessageContaining("live database was not touched")
                .withCauseInstanceOf(RehearsalException.class);
        assertThat(TestDatabases.dump(this.app.db())).isEqualTo(before);
        assertThat(reports.last().orElseThrow().outcome()).isEqualTo(MigrationReport.Outcome.FAILED);
        assertNoRehearsalCopyLeft();
    }

    @Test
    void passingRehearsalIsFollowedByTheRealMigration() throws Exception {
        this.app.migrations().add("V5__pinned.sql", "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;");
        MigrationReport report = RestoreOnFailureTests.guarded(REHEARSE, new MigrationReports())
                .migrate(this.app.migrations().flyway(this.app.dataSource()));
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.toVersion()).isEqualTo("5");
        assertNoRehearsalCopyLeft();
    }

    @Test
    void copyLeftByAKilledRehearsalIsRemoved() throws Exception {
        Path leftover = Files.createDirectories(this.temp.resolve("backups/.rehearsal-123/"));
        Files.writeString(leftover.resolve("pre-migrate-20200101T000000.000Z-rehearsal.db"), "half a copy");
        this.app.migrations().add("V5__pinned.sql", "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;");
        RestoreOnFailureTests.guarded(REHEARSE, new MigrationReports())
                .migrate(this.app.migrations().flyway(this.app.dataSource()));
        assertNoRehearsalCopyLeft();
    }

    @Test
    void rehearsalIsSkippedWhenTheDatabaseIsNotSqlite() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rehearsal;DB_CLOSE_DELAY=-1");
        UpgradeScripts h2Migrations = new UpgradeScripts(this.temp.resolve("h2-migrations"))
                .add("V1__broken.sql", "CREATE TABLE t (id INT);\nINSERT INTO no_such_table VALUES (1);");
        // Without a rehearsal, the real migration is what fails
        assertThatExceptionOfType(FlywayException.class)
                .isThrownBy(() -> RestoreOnFailureTests.guarded(REHEARSE, new MigrationReports())
                        .migrate(h2Migrations.flyway(h2)));
    }

    private void assertNoRehearsalCopyLeft() throws Exception {
        try (Stream<Path> files = Files.list(this.temp.resolve("backups"))) {
            assertThat(files.map((file) -> file.getFileName().toString())).noneMatch((name) -> name.startsWith("."));
        }
    }
}
