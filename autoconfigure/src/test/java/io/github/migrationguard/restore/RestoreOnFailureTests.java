package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationGuardException;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.OnFlywayEvent;
import io.github.migrationguard.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class RestoreOnFailureTests {

    @TempDir
    Path temp;

    private ApplicationAtV4 app;

    @BeforeEach
    void applicationAtV4() {
        this.app = ApplicationAtV4.in(this.temp);
    }

    @Test
    void incidentV5AppliesThenV6FailsHalfwayAndTheDatabaseIsBackAtV4() {
        // Step 1: the application runs at V4 (set up before each test) with data
        new JdbcTemplate(this.app.dataSource()).update("INSERT INTO note (body) VALUES ('written by the app')");
        List<String> before = TestDatabases.dump(this.app.db());
        // Step 2: the upgrade ships V5 (fine) and V6 (fails after its first statements, outside a transaction)
        this.app.migrations().v5FineThenV6Failing();
        MigrationReports reports = new MigrationReports();
        // Step 3: the guarded run fails, restores, and says so
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> guarded(RestoreSettings.defaults(), reports)
                        .migrate(this.app.migrations().flyway(this.app.dataSource())))
                .withMessageContaining("restored from snapshot")
                .withMessageContaining("pre-migrate-")
                .withMessageContaining("back at version 4")
                .withCauseInstanceOf(FlywayException.class);
        // Step 4: the database is exactly as it was before the run, history included
        assertThat(TestDatabases.dump(this.app.db())).isEqualTo(before);
        assertThat(this.app
                        .migrations()
                        .flyway(this.app.dataSource())
                        .info()
                        .current()
                        .getVersion()
                        .getVersion())
                .isEqualTo("4");
        assertThat(TestDatabases.integrityCheck(this.app.db())).containsExactly("ok");
        MigrationReport report = reports.last().orElseThrow();
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.RESTORED);
        assertThat(report.toVersion()).isEqualTo("4");
        assertThat(report.restores()).singleElement().satisfies((restore) -> {
            assertThat(restore.trigger()).isEqualTo(RestoreTrigger.FAILURE);
            assertThat(restore.outcome()).isEqualTo(RestoreRecord.Outcome.SUCCESS);
            assertThat(restore.snapshot())
                    .isEqualTo(report.snapshot().snapshot().file());
        });
    }

    @Test
    void restoreUsesTheOnlyConnectionOfAPoolOfOne() {
        try (HikariDataSource pool = poolOfOne(this.app.db())) {
            this.app.migrations().flyway(pool).migrate();
            List<String> before = TestDatabases.dump(this.app.db());
            this.app.migrations().v5FineThenV6Failing();
            MigrationReports reports = new MigrationReports();
            // Asking for a second connection while holding the only one would time out after 2 seconds
            assertThatExceptionOfType(MigrationGuardException.class)
                    .isThrownBy(() -> guarded(RestoreSettings.defaults(), reports)
                            .migrate(this.app.migrations().flyway(pool)))
                    .withMessageContaining("back at version 4");
            assertThat(TestDatabases.dump(this.app.db())).isEqualTo(before);
            assertThat(reports.last().orElseThrow().outcome()).isEqualTo(MigrationReport.Outcome.RESTORED);
        }
    }

    @Test
    void otherConnectionsOfThePoolSeeTheRestoredDatabase() throws Exception {
        try (var watcher = this.app.dataSource().getConnection();
                var statement = watcher.createStatement()) {
            // An idle connection that has read the schema before the migration
            statement.executeQuery("SELECT count(*) FROM note").close();
            this.app.migrations().v5FineThenV6Failing();
            assertThatExceptionOfType(MigrationGuardException.class)
                    .isThrownBy(() -> guarded(RestoreSettings.defaults(), new MigrationReports())
                            .migrate(this.app.migrations().flyway(this.app.dataSource())));
            try (var tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_schema WHERE name IN ('audit') OR sql LIKE '%pinned%'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
    }

    @Test
    void withRestoreOnFailureOffTheOriginalFailureIsRethrownAndTheDatabaseIsLeftAsIs() {
        List<String> before = TestDatabases.dump(this.app.db());
        this.app.migrations().v5FineThenV6Failing();
        MigrationReports reports = new MigrationReports();
        RestoreSettings off = new RestoreSettings(false, null, false);
        assertThatExceptionOfType(FlywayException.class).isThrownBy(() -> guarded(off, reports)
                .migrate(this.app.migrations().flyway(this.app.dataSource())));
        assertThat(TestDatabases.dump(this.app.db())).isNotEqualTo(before);
        assertThat(reports.last().orElseThrow().outcome()).isEqualTo(MigrationReport.Outcome.FAILED);
        assertThat(reports.last().orElseThrow().restores()).isEmpty();
    }

    @Test
    void withoutASnapshotOfThisRunTheOriginalFailureIsRethrown() {
        this.app.migrations().v5FineThenV6Failing();
        GuardSettings noSnapshots = new GuardSettings(
                new SnapshotSettings(
                        false, 5, SnapshotWhen.PENDING, false, null, SnapshotMethod.AUTO, Verification.QUICK, 0, null),
                HealSettings.defaults());
        MigrationReports reports = new MigrationReports();
        assertThatExceptionOfType(FlywayException.class)
                .isThrownBy(() -> new GuardedMigration(noSnapshots, reports, Clock.systemUTC())
                        .migrate(this.app.migrations().flyway(this.app.dataSource())));
        assertThat(reports.last().orElseThrow().outcome()).isEqualTo(MigrationReport.Outcome.FAILED);
    }

    @Test
    void failedRestoreIsReportedLoudlyAndKeepsTheSnapshot() {
        this.app.migrations().v5FineThenV6Failing();
        Path backups = this.temp.resolve("backups");
        // The snapshot is damaged after it was verified, between the failed migration and the restore
        Flyway flyway = Flyway.configure()
                .configuration(
                        this.app.migrations().flyway(this.app.dataSource()).getConfiguration())
                .callbacks(new OnFlywayEvent(
                        Event.AFTER_EACH_MIGRATE_ERROR, "damage-snapshots", () -> damageSnapshots(backups)))
                .load();
        MigrationReports reports = new MigrationReports();
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> guarded(RestoreSettings.defaults(), reports).migrate(flyway))
                .withMessageContaining("FAILED")
                .withMessageContaining("docs/operations.md")
                .withMessageContaining("is kept");
        MigrationReport report = reports.last().orElseThrow();
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.FAILED);
        assertThat(report.restores()).singleElement().satisfies((restore) -> {
            assertThat(restore.outcome()).isEqualTo(RestoreRecord.Outcome.FAILURE);
            assertThat(restore.snapshot()).exists();
        });
    }

    static GuardedMigration guarded(RestoreSettings restore, MigrationReports reports) {
        return guarded(new GuardSettings(snapshotSettings(), HealSettings.defaults()).withRestore(restore), reports);
    }

    static GuardedMigration guarded(GuardSettings settings, MigrationReports reports) {
        return new GuardedMigration(settings, reports, Clock.systemUTC());
    }

    static SnapshotSettings snapshotSettings() {
        return new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
    }

    private static HikariDataSource poolOfOne(Path db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + db);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(2_000);
        config.addDataSourceProperty("journal_mode", "WAL");
        return new HikariDataSource(config);
    }

    // The disk fails while the migration fails: every pre-migrate snapshot is overwritten with zeros
    private static void damageSnapshots(Path backups) throws IOException {
        try (var files = Files.list(backups)) {
            for (Path file : files.filter(
                            (f) -> f.getFileName().toString().startsWith(SnapshotLabel.PRE_MIGRATE.value()))
                    .toList()) {
                Files.write(file, new byte[8192]);
            }
        }
    }
}
