package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.sqlite.SQLiteDataSource;

/**
 * The pre-migrate snapshot is verified alongside the migration: startup pays for the copy, the final name appears only
 * once verified, and the run's report is updated with the outcome.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuardedMigrationSnapshotTests {

    @TempDir
    Path temp;

    private final List<Runnable> verifications = new ArrayList<>();

    private final MigrationReports reports = new MigrationReports();

    @Test
    void migratesWhileTheSnapshotIsStillBeingVerified() throws Exception {
        MigrationReport report = guarded(false).migrate(flywayWithPendingV2());
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.VERIFYING);
        assertThat(snapshotFiles()).isEmpty();
        assertThat(this.verifications).hasSize(1);
    }

    @Test
    void reportShowsTheSnapshotOnceVerifiedUnderItsFinalName() throws Exception {
        guarded(false).migrate(flywayWithPendingV2());
        runVerifications();
        SnapshotAttempt attempt = this.reports.last().orElseThrow().snapshot();
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(snapshotFiles()).containsExactly(attempt.snapshot().file());
        assertThat(TestDatabases.dump(attempt.snapshot().file())).noneMatch((line) -> line.contains("added_in_v2"));
    }

    @Test
    void snapshotFailingVerificationAfterMigrationIsLoggedAsErrorRecordedAsFailedAndNeverKept(CapturedOutput output)
            throws Exception {
        guarded(false).migrate(flywayWithPendingV2());
        corruptPartialCopy();
        runVerifications();
        SnapshotAttempt attempt = this.reports.last().orElseThrow().snapshot();
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.FAILURE);
        assertThat(this.reports.last().orElseThrow().outcome()).isEqualTo(MigrationReport.Outcome.SUCCESS);
        assertThat(snapshotFiles()).isEmpty();
        assertThat(output).contains("ERROR").contains("NO restorable snapshot");
    }

    @Test
    void olderSnapshotsArePrunedOnlyOnceTheNewOneIsVerified() throws Exception {
        guarded(false).migrate(flywayWithPendingV2());
        runVerifications();
        Path first = snapshotFiles().get(0);
        writeMigration("V3__more.sql", "CREATE TABLE added_in_v3 (id INTEGER PRIMARY KEY);");
        guarded(false).migrate(flyway());
        assertThat(first).isRegularFile();
        runVerifications();
        assertThat(first).doesNotExist();
        assertThat(snapshotFiles()).hasSize(1);
    }

    @Test
    void awaitSnapshotReturnsTheSettledAttemptOfTheLatestRun() throws Exception {
        GuardedMigration guarded = new GuardedMigration(settings(false), this.reports, Clock.systemUTC());
        assertThat(guarded.awaitSnapshot()).isEmpty();
        guarded.migrate(flywayWithPendingV2());
        SnapshotAttempt attempt = guarded.awaitSnapshot().orElseThrow();
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(attempt.snapshot().file()).isRegularFile();
    }

    @Test
    void smallDatabaseIsVerifiedBeforeMigrating() throws Exception {
        GuardedMigration guarded = new GuardedMigration(
                settings(false),
                this.reports,
                Clock.systemUTC(),
                this.verifications::add,
                PreMigrateSnapshot.BACKGROUND_MIN_BYTES);
        MigrationReport report = guarded.migrate(flywayWithPendingV2());
        assertThat(this.verifications).isEmpty();
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
    }

    @Test
    void onFailureAbortVerifiesBeforeMigrating() throws Exception {
        MigrationReport report = guarded(true).migrate(flywayWithPendingV2());
        assertThat(this.verifications).isEmpty();
        assertThat(report.snapshot().outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(snapshotFiles()).containsExactly(report.snapshot().snapshot().file());
    }

    private GuardedMigration guarded(boolean abortOnSnapshotFailure) {
        return new GuardedMigration(
                settings(abortOnSnapshotFailure), this.reports, Clock.systemUTC(), this.verifications::add, 0);
    }

    private static GuardSettings settings(boolean abortOnSnapshotFailure) {
        SnapshotSettings snapshot = new SnapshotSettings(
                true,
                1,
                SnapshotWhen.PENDING,
                abortOnSnapshotFailure,
                null,
                SnapshotMethod.AUTO,
                Verification.QUICK,
                0,
                null);
        return new GuardSettings(snapshot, HealSettings.defaults());
    }

    private Flyway flywayWithPendingV2() throws Exception {
        writeMigration("V1__init.sql", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB);");
        flyway().migrate();
        TestDatabases.fill(dataSource(), 5_000);
        writeMigration("V2__add.sql", "CREATE TABLE added_in_v2 (id INTEGER PRIMARY KEY);");
        return flyway();
    }

    private void writeMigration(String name, String sql) throws Exception {
        Path dir = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(dir.resolve(name), sql);
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource())
                .locations("filesystem:" + this.temp.resolve("migrations"))
                .load();
    }

    private SQLiteDataSource dataSource() {
        return TestDatabases.wal(this.temp.resolve("app.db"));
    }

    private void runVerifications() {
        List<Runnable> tasks = new ArrayList<>(this.verifications);
        this.verifications.clear();
        tasks.forEach(Runnable::run);
    }

    private List<Path> snapshotFiles() throws Exception {
        Path dir = this.temp.resolve("backups");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter((file) -> !file.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private void corruptPartialCopy() throws Exception {
        Path partial;
        try (Stream<Path> files = Files.list(this.temp.resolve("backups"))) {
            partial = files.filter((file) -> file.getFileName().toString().endsWith(".partial"))
                    .findFirst()
                    .orElseThrow();
        }
        TestDatabases.corruptPageNearTheEnd(partial);
    }
}
