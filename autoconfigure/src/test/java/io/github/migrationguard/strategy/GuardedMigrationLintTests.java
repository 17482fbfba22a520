package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintException;
import io.github.migrationguard.lint.LintFailOn;
import io.github.migrationguard.lint.LintRule;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class GuardedMigrationLintTests {

    @TempDir
    Path temp;

    private SQLiteDataSource dataSource;

    private Migrations migrations;

    private final MigrationReports reports = new MigrationReports();

    @BeforeEach
    void applyFirstMigration() {
        this.dataSource = TestDatabases.wal(this.temp.resolve("app.db"));
        this.migrations = new Migrations(this.temp.resolve("migrations"))
                .add("V1__init.sql", "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
        this.migrations.flyway(this.dataSource).migrate();
    }

    @Test
    void reportCarriesFindingsFromBeforeAndAfterMigrating() {
        this.migrations.add(
                "V2__books.sql",
                """
                CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author(id));
                INSERT INTO book (id, author_id) VALUES (1, 7);
                PRAGMA journal_mode = DELETE;
                """);
        MigrationReport report = guarded(LintFailOn.NEVER).migrate(flyway());
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.lintFindings())
                .extracting((finding) -> finding.rule())
                .containsExactly(LintRule.PRAGMA_JOURNAL_MODE, LintRule.FOREIGN_KEY_VIOLATION);
    }

    @Test
    void failOnWarningStopsBeforeTheSnapshotAndTheMigration() {
        this.migrations.add("V2__vacuum.sql", "DELETE FROM author;\nVACUUM;\n");
        Flyway flyway = flyway();
        assertThatExceptionOfType(LintException.class)
                .isThrownBy(() -> guarded(LintFailOn.WARNING).migrate(flyway));
        assertThat(flyway.info().pending()).hasSize(1);
        assertThat(Files.exists(this.temp.resolve("backups"))).isFalse();
    }

    private GuardedMigration guarded(LintFailOn failOn) {
        GuardSettings settings = new GuardSettings(
                new SnapshotSettings(null, null, null, 0, null),
                HealSettings.defaults(),
                RestoreSettings.defaults(),
                false,
                new LintSettings(true, failOn));
        return new GuardedMigration(settings, this.reports, Clock.systemUTC());
    }

    private Flyway flyway() {
        return this.migrations.flyway(this.dataSource);
    }
}
