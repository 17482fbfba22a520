package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.testing.HeldClock;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class LiveSnapshotsTests {

    @TempDir
    Path temp;

    private SQLiteDataSource dataSource;

    private final MigrationReports activity = new MigrationReports();

    @BeforeEach
    void createDatabase() {
        this.dataSource = TestDatabases.wal(this.temp.resolve("app.db"));
        TestDatabases.fill(this.dataSource, 100);
    }

    @Test
    void manualSnapshotCarriesTheSluggedReasonInItsName() {
        SnapshotAttempt attempt = live(Clock.systemUTC()).take(SnapshotLabel.MANUAL, "Before import!", 5);
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(attempt.snapshot().file().getFileName().toString())
                .matches("manual-\\d{8}T\\d{6}\\.\\d{3}Z-before-import\\.db");
        assertThat(TestDatabases.dump(attempt.snapshot().file())).isEqualTo(TestDatabases.dump(db()));
    }

    @Test
    void prunesOnlyItsOwnLabelToKeep() {
        LiveSnapshots live = live(Clock.systemUTC());
        live.take(SnapshotLabel.MANUAL, "keep me", 5);
        for (int i = 0; i < 3; i++) {
            live.take(SnapshotLabel.SCHEDULED, null, 2);
        }
        SnapshotDirectory directory = live.directory().orElseThrow();
        assertThat(directory.list(SnapshotLabel.SCHEDULED)).hasSize(2);
        assertThat(directory.list(SnapshotLabel.MANUAL)).hasSize(1);
        assertThat(this.activity.state().pruned()).isEqualTo(1);
    }

    @Test
    void recordsEveryAttemptInTheActivity() {
        LiveSnapshots live = live(Clock.systemUTC());
        live.take(SnapshotLabel.SCHEDULED, null, 2);
        live.take(SnapshotLabel.SCHEDULED, null, 0);
        assertThat(this.activity
                        .state()
                        .snapshots(SnapshotLabel.SCHEDULED, SnapshotAttempt.Outcome.SUCCESS)
                        .count())
                .isEqualTo(1);
        assertThat(this.activity
                        .state()
                        .snapshots(SnapshotLabel.SCHEDULED, SnapshotAttempt.Outcome.SKIPPED)
                        .count())
                .isEqualTo(1);
        assertThat(this.activity.state().lastSnapshot()).isNotNull();
    }

    @Test
    void skipsAndRecordsASnapshotRequestedWhileAnotherOneRuns() throws Exception {
        // The writer reads the clock to name the file, inside the running snapshot: hold it there
        HeldClock blocking = new HeldClock();
        LiveSnapshots live = live(blocking);
        CompletableFuture<SnapshotAttempt> first =
                CompletableFuture.supplyAsync(() -> live.take(SnapshotLabel.SCHEDULED, null, 5));
        assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();
        SnapshotAttempt second = live.take(SnapshotLabel.MANUAL, "now", 5);
        blocking.release.countDown();
        assertThat(second.outcome()).isEqualTo(SnapshotAttempt.Outcome.SKIPPED);
        assertThat(second.message()).contains("still running");
        assertThat(first.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
        assertThat(this.activity
                        .state()
                        .snapshots(SnapshotLabel.MANUAL, SnapshotAttempt.Outcome.SKIPPED)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void liveSnapshotIsSkippedWhileThePreMigrateSnapshotIsStillVerified() {
        List<Runnable> verifications = new ArrayList<>();
        SnapshotWriter startup = new SnapshotWriter(
                this.dataSource,
                DatabaseFile.locate(this.dataSource),
                new SnapshotSettings(null, null, null, 0, null),
                Clock.systemUTC());
        startup.start(SnapshotLabel.PRE_MIGRATE, "v1-to-v2", verifications::add);
        LiveSnapshots live = live(Clock.systemUTC());
        assertThat(live.take(SnapshotLabel.SCHEDULED, null, 5).outcome()).isEqualTo(SnapshotAttempt.Outcome.SKIPPED);
        verifications.forEach(Runnable::run);
        assertThat(live.take(SnapshotLabel.SCHEDULED, null, 5).outcome()).isEqualTo(SnapshotAttempt.Outcome.SUCCESS);
    }

    @Test
    void failedSnapshotIsRecordedAndLeavesNoFile() throws Exception {
        Path notADirectory = this.temp.resolve("file");
        Files.writeString(notADirectory, "x");
        LiveSnapshots live = new LiveSnapshots(
                this.dataSource,
                new SnapshotSettings(notADirectory.resolve("backups"), null, null, 0, null),
                this.activity,
                Clock.systemUTC());
        SnapshotAttempt attempt = live.take(SnapshotLabel.MANUAL, null, 5);
        assertThat(attempt.outcome()).isEqualTo(SnapshotAttempt.Outcome.FAILURE);
        assertThat(attempt.message()).contains("Could not create snapshot directory");
        assertThat(this.activity
                        .state()
                        .snapshots(SnapshotLabel.MANUAL, SnapshotAttempt.Outcome.FAILURE)
                        .count())
                .isEqualTo(1);
    }

    private LiveSnapshots live(Clock clock) {
        return new LiveSnapshots(
                this.dataSource, new SnapshotSettings(null, null, null, 0, null), this.activity, clock);
    }

    private Path db() {
        return this.temp.resolve("app.db");
    }
}
