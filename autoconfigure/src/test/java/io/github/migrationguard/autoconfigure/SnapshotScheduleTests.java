package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.testing.HeldClock;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SnapshotScheduleTests {

    @TempDir
    Path temp;

    private final MigrationReports activity = new MigrationReports();

    @Test
    void tickWhileASnapshotStillRunsIsSkippedAndRecorded() throws Exception {
        SQLiteDataSource dataSource = TestDatabases.wal(this.temp.resolve("app.db"));
        TestDatabases.fill(dataSource, 100);
        HeldClock clock = new HeldClock();
        LiveSnapshots snapshots =
                new LiveSnapshots(dataSource, new SnapshotSettings(null, null, null, 0, null), this.activity, clock);
        SnapshotSchedule schedule = new SnapshotSchedule(snapshots, "* * * * * *", 3);
        schedule.start();
        try {
            assertThat(clock.entered.await(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(SnapshotAttempt.Outcome.SKIPPED) >= 1);
            clock.release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> count(SnapshotAttempt.Outcome.SUCCESS) >= 1);
        } finally {
            clock.release.countDown();
            schedule.stop();
        }
        assertThat(schedule.isRunning()).isFalse();
        assertThat(snapshots.directory().orElseThrow().list(SnapshotLabel.SCHEDULED))
                .isNotEmpty();
    }

    private long count(SnapshotAttempt.Outcome outcome) {
        return this.activity.state().snapshots(SnapshotLabel.SCHEDULED, outcome).count();
    }
}
