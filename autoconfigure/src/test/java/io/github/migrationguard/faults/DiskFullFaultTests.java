package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationGuardException;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * The database and its backups share a small volume that fills up while the snapshot is being copied.
 *
 * <p>How the volume fills mid-copy, deterministically: the WAL holds recent commits and a reader keeps it from being
 * reset. The free-space check passes (room for the database file plus its WAL). The snapshot's checkpoint then moves
 * the WAL's pages into the database file, which grows while the WAL cannot shrink, so the copy that follows needs more
 * room than is left and hits ENOSPC halfway.
 */
class DiskFullFaultTests {

    private static final long MARGIN = 1024 * 1024;

    @TempDir
    Path temp;

    private final Mounts mounts = new Mounts();

    private Path db;

    private SQLiteDataSource dataSource;

    private Path migrations;

    private Connection writer;

    private Connection reader;

    @BeforeEach
    void nearlyFullVolume() throws Exception {
        Path volume = this.mounts.tmpfs(this.temp.resolve("volume"), 512L * 1024 * 1024);
        this.db = volume.resolve("app.db");
        // The snapshot's checkpoint waits this long for the reader before going on
        this.dataSource = TestDatabases.wal(this.db, 300);
        this.migrations = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(this.migrations.resolve("V1__notes.sql"), "CREATE TABLE note (id INTEGER PRIMARY KEY);");
        flyway().migrate();
        TestDatabases.fill(this.dataSource, 60_000);
        new JdbcTemplate(this.dataSource).execute("PRAGMA wal_checkpoint(TRUNCATE)");
        this.writer = this.dataSource.getConnection();
        try (Statement statement = this.writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint=0");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) "
                    + "INSERT INTO item(name, body) SELECT 'recent-' || i, randomblob(200) FROM n");
        }
        this.reader = this.dataSource.getConnection();
        this.reader.setAutoCommit(false);
        try (Statement statement = this.reader.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM item").close();
        }
        long needed = Files.size(this.db) + Files.size(this.db.resolveSibling("app.db-wal"));
        long size = Mounts.used(volume) + needed + MARGIN;
        this.mounts.resize(volume, (size + 4095) / 4096 * 4096);
        Files.writeString(this.migrations.resolve("V2__tags.sql"), "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
    }

    @AfterEach
    void release() throws Exception {
        this.reader.close();
        this.writer.close();
        this.mounts.close();
    }

    @Test
    void diskFullDuringTheSnapshotWithContinueRemovesTheTempFileAndMigrates() throws Exception {
        MigrationReports reports = new MigrationReports();
        MigrationReport report = guarded(false, reports).migrate(flyway());
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.FAILURE);
        // Failed while copying (SQLITE_FULL), not at the free-space check before it
        assertThat(report.snapshot().message())
                .doesNotContain("Not enough free space")
                .contains("SQLITE_FULL");
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.toVersion()).isEqualTo("2");
        assertThat(backupFiles()).isEmpty();
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
    }

    @Test
    void diskFullDuringTheSnapshotWithAbortStopsStartupAndLeavesTheDatabaseIntact() throws Exception {
        this.reader.commit();
        List<String> before = TestDatabases.dump(this.db);
        try (Statement statement = this.reader.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM item").close();
        }
        assertThatExceptionOfType(MigrationGuardException.class)
                .isThrownBy(() -> guarded(true, new MigrationReports()).migrate(flyway()))
                .withMessageContaining("snapshot.on-failure=abort")
                .withMessageContaining("SQLITE_FULL");
        assertThat(backupFiles()).isEmpty();
        assertThat(TestDatabases.dump(this.db)).isEqualTo(before);
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
        assertThat(flyway().info().current().getVersion().getVersion()).isEqualTo("1");
    }

    private GuardedMigration guarded(boolean abort, MigrationReports reports) {
        SnapshotSettings snapshot = new SnapshotSettings(
                true, 5, SnapshotWhen.PENDING, abort, null, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
        GuardSettings settings = new GuardSettings(snapshot, HealSettings.defaults());
        return new GuardedMigration(settings, reports, Clock.systemUTC());
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(this.dataSource)
                .locations("filesystem:" + this.migrations)
                .load();
    }

    private List<String> backupFiles() throws Exception {
        Path backups = this.db.resolveSibling("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.map((file) -> file.getFileName().toString()).toList();
        }
    }
}
