package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Boots failing in a row on a broken migration: what each one reports, and what makes the next one copy again.
 */
class CrashLoopTests {

    @TempDir
    Path temp;

    private final MigrationReports reports = new MigrationReports();

    @BeforeEach
    void databaseAtV1WithABrokenV2() throws Exception {
        Files.createDirectories(migrations());
        Files.writeString(
                migrations().resolve("V1__base.sql"), "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);");
        boot();
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO item (name) VALUES ('one'), ('two')");
        }
        Files.writeString(migrations().resolve("V2__broken.sql"), "INSERT INTO no_such_table VALUES (1);");
    }

    @Test
    void secondFailingBootReusesTheSnapshotAndReportsTwoFailedBoots() {
        failingBoot();
        failingBoot();
        MigrationReport report = this.reports.last().orElseThrow();
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.RESTORED);
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.REUSED);
        assertThat(report.crashLoop().failedBoots()).isEqualTo(2);
        assertThat(report.crashLoop().snapshot().file())
                .isEqualTo(preMigrate().get(0).file());
        assertThat(preMigrate()).hasSize(1);
        assertThat(this.reports
                        .state()
                        .snapshots(SnapshotLabel.PRE_MIGRATE, SnapshotAttempt.Outcome.REUSED)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void commitStillInTheWalBetweenFailingBootsGetsAFreshSnapshot() throws Exception {
        failingBoot();
        try (Connection writer = dataSource().getConnection();
                Statement statement = writer.createStatement()) {
            // No checkpoint: the change lives in the -wal file only while the boot looks at the database
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("UPDATE item SET name = 'ONE' WHERE name = 'one'");
            failingBoot();
        }
        assertThat(this.reports.last().orElseThrow().snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(preMigrate()).hasSize(2);
    }

    @Test
    void whereNothingCanBeWrittenBesideTheDatabaseTheRowDigestProvesItUnchanged() throws Exception {
        // A directory where the file system's clock is read: the proof by the files' state cannot be had
        Files.createDirectory(clockProbe());
        failingBoot();
        failingBoot();
        MigrationReport report = this.reports.last().orElseThrow();
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.REUSED);
        assertThat(report.crashLoop().failedBoots()).isEqualTo(2);
        assertThat(preMigrate()).hasSize(1);
    }

    @Test
    void whereNothingCanBeWrittenBesideTheDatabaseTheRowDigestSeesARowChangedInPlace() throws Exception {
        Files.createDirectory(clockProbe());
        failingBoot();
        try (Connection writer = dataSource().getConnection();
                Statement statement = writer.createStatement()) {
            // Same length, same page count: only the rows' digest tells the databases apart
            statement.execute("UPDATE item SET name = 'owt' WHERE name = 'two'");
        }
        failingBoot();
        assertThat(this.reports.last().orElseThrow().snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(preMigrate()).hasSize(2);
    }

    @Test
    void bootThatMigratesEndsTheLoop() throws Exception {
        failingBoot();
        Files.writeString(migrations().resolve("V2__broken.sql"), "CREATE TABLE fixed (id INTEGER PRIMARY KEY);");
        MigrationReport report = boot();
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.REUSED);
        assertThat(report.crashLoop()).isNull();
        assertThat(this.temp.resolve("backups/.crash-loop.properties")).doesNotExist();
    }

    private void failingBoot() {
        assertThatExceptionOfType(MigrationGuardException.class).isThrownBy(this::boot);
    }

    private MigrationReport boot() {
        GuardSettings settings = new GuardSettings(
                new SnapshotSettings(
                        true, 2, SnapshotWhen.PENDING, false, null, SnapshotMethod.AUTO, Verification.QUICK, 0, null),
                HealSettings.defaults());
        GuardedMigration guard = new GuardedMigration(settings, this.reports, Clock.systemUTC());
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource())
                .locations("filesystem:" + migrations())
                .load();
        try {
            return guard.migrate(flyway);
        } finally {
            guard.awaitSnapshot();
        }
    }

    private java.util.List<SnapshotDirectory.StoredSnapshot> preMigrate() {
        return new SnapshotDirectory(this.temp.resolve("backups")).list(SnapshotLabel.PRE_MIGRATE);
    }

    private Path clockProbe() {
        return this.temp.resolve("app.db.migration-guard-clock");
    }

    private Path migrations() {
        return this.temp.resolve("migrations");
    }

    private SQLiteDataSource dataSource() {
        return TestDatabases.wal(this.temp.resolve("app.db"));
    }
}
