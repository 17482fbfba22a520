package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationGuardException;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Inputs that are wrong on disk: a read-only backup directory (a read-only mount, since root ignores permission bits)
 * and a database file that is not SQLite.
 */
class BadInputFaultTests {

    @TempDir
    Path temp;

    private final Mounts mounts = new Mounts();

    private Path db;

    private SQLiteDataSource dataSource;

    private Path migrations;

    @BeforeEach
    void applicationAtV1WithV2Pending() throws Exception {
        this.db = this.temp.resolve("app.db");
        this.dataSource = TestDatabases.wal(this.db);
        this.migrations = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(this.migrations.resolve("V1__notes.sql"), "CREATE TABLE note (id INTEGER PRIMARY KEY);");
        flyway().migrate();
        Files.writeString(this.migrations.resolve("V2__tags.sql"), "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
    }

    @AfterEach
    void unmount() throws Exception {
        this.mounts.close();
    }

    @Test
    void readOnlyBackupDirWithContinueMigratesWithoutASnapshot() throws Exception {
        Path backups = readOnlyBackups(false);
        MigrationReport report =
                guarded(backups, false, RestoreSettings.defaults()).migrate(flyway());
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.FAILURE);
        assertThat(report.snapshot().message()).contains(backups.toString()).contains("writable");
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
    }

    @Test
    void readOnlyBackupDirWithAbortStopsStartupAndChangesNothing() throws Exception {
        Path backups = readOnlyBackups(false);
        List<String> before = TestDatabases.dump(this.db);
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(
                        () -> guarded(backups, true, RestoreSettings.defaults()).migrate(flyway()))
                .withMessageContaining("snapshot.on-failure=abort");
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    @Test
    void restoreRequestWithAReadOnlyBackupDirChangesNothing() throws Exception {
        Path backups = readOnlyBackups(true);
        List<String> before = TestDatabases.dump(this.db);
        RestoreSettings latest = new RestoreSettings(true, "latest", false);
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> guarded(backups, false, latest).migrate(flyway()))
                .withMessageContaining("migration-guard.restore.from=latest")
                .withMessageContaining("pre-restore snapshot")
                .withMessageContaining("nothing was changed");
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
    }

    @Test
    void databaseFileThatIsNotSqliteFailsStartupAndIsLeftAlone() throws Exception {
        Path notSqlite = this.temp.resolve("notes.db");
        byte[] content = "these are my notes, not a database\n".repeat(200).getBytes();
        Files.write(notSqlite, content);
        SQLiteDataSource dataSource = TestDatabases.wal(notSqlite);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("filesystem:" + this.migrations)
                .load();
        assertThatExceptionOfType(RuntimeException.class)
                .isThrownBy(() -> guarded(null, false, new RestoreSettings(true, "latest", false), true)
                        .migrate(flyway))
                .withStackTraceContaining("not a database");
        assertThat(Files.readAllBytes(notSqlite)).isEqualTo(content);
        assertThat(this.temp.resolve("backups")).doesNotExist();
    }

    private Path readOnlyBackups(boolean withSnapshot) throws Exception {
        Path backups = this.mounts.tmpfs(this.temp.resolve("backups"), 16L * 1024 * 1024);
        if (withSnapshot) {
            SnapshotSettings settings = new SnapshotSettings(backups, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
            new SnapshotWriter(this.dataSource, DatabaseFile.locate(this.dataSource), settings, Clock.systemUTC())
                    .write(SnapshotLabel.PRE_MIGRATE, "v0-to-v1");
        }
        this.mounts.readOnly(backups);
        try (Stream<Path> files = Files.list(backups)) {
            assertThat(files.count()).isEqualTo(withSnapshot ? 1 : 0);
        }
        return backups;
    }

    private GuardedMigration guarded(Path backups, boolean abort, RestoreSettings restore) {
        return guarded(backups, abort, restore, false);
    }

    private GuardedMigration guarded(Path backups, boolean abort, RestoreSettings restore, boolean rehearse) {
        SnapshotSettings snapshot = new SnapshotSettings(
                true, 5, SnapshotWhen.PENDING, abort, backups, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
        GuardSettings settings =
                new GuardSettings(snapshot, HealSettings.defaults(), restore, rehearse, LintSettings.DEFAULTS);
        return new GuardedMigration(settings, new MigrationReports(), Clock.systemUTC());
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(this.dataSource)
                .locations("filesystem:" + this.migrations)
                .load();
    }
}
