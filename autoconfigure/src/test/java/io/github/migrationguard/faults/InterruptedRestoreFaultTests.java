package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.RestoreTrigger;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardState;
import io.github.migrationguard.strategy.GuardStep;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.strategy.RestoreFailedException;
import io.github.migrationguard.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * A restore after a failed non-transactional migration is killed with {@code kill -9} halfway; the next start
 * completes it from the same snapshot before anything else.
 */
class InterruptedRestoreFaultTests {

    private static final int ROWS = 300_000;

    private static final long WAL_BYTES_BEFORE_KILL = 8L * 1024 * 1024;

    @TempDir
    Path temp;

    private Path db;

    private Path migrations;

    @Test
    void restoreKilledHalfwayIsCompletedFromTheSameSnapshotAtTheNextStart() throws Exception {
        Path snapshot = killRestoreHalfway();
        List<String> expected = TestDatabases.dump(snapshot);

        // The operator removes the migration that failed and starts again
        Files.delete(this.migrations.resolve("V2__more.sql"));
        MigrationReport next = GuardedStart.run(this.db, this.migrations, 5);

        assertThat(next.restores()).first().satisfies((record) -> {
            assertThat(record.outcome()).isEqualTo(RestoreRecord.Outcome.SUCCESS);
            assertThat(record.trigger()).isEqualTo(RestoreTrigger.FAILURE);
            assertThat(record.snapshot()).isEqualTo(snapshot);
        });
        assertThat(TestDatabases.dump(this.db)).isEqualTo(expected);
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
        assertThat(Files.exists(this.temp.resolve("backups/.restore-in-progress.properties")))
                .isFalse();
    }

    @Test
    void restoreKilledHalfwayWhoseSnapshotIsGoneStopsStartupAndCountsAsAFailedRestore() throws Exception {
        Path snapshot = killRestoreHalfway();
        Files.delete(snapshot);
        Files.delete(this.migrations.resolve("V2__more.sql"));
        MigrationReports reports = new MigrationReports();

        assertThatExceptionOfType(RestoreFailedException.class)
                .isThrownBy(() -> GuardedStart.run(TestDatabases.wal(this.db), this.migrations, 5, reports))
                .withMessageContaining("that snapshot is gone");
        GuardState state = reports.state();
        assertThat(state.restores("failure", "failure")).isEqualTo(1);
        assertThat(state.lastRun().failedStep()).isEqualTo(GuardStep.COMPLETE_RESTORE);
        assertThat(Files.exists(this.temp.resolve("backups/.restore-in-progress.properties")))
                .as("intent kept for the restore by hand")
                .isTrue();
    }

    /**
     * Upgrades a large database, then restores its pre-migrate snapshot as after a failed non-transactional
     * migration, and kills the restore halfway.
     * @return the snapshot being restored
     */
    private Path killRestoreHalfway() throws Exception {
        this.db = this.temp.resolve("app.db");
        this.migrations = Files.createDirectories(this.temp.resolve("migrations"));
        SQLiteDataSource dataSource = TestDatabases.wal(this.db);
        Files.writeString(this.migrations.resolve("V1__items.sql"), "CREATE TABLE note (id INTEGER PRIMARY KEY);");
        GuardedStart.run(dataSource, this.migrations, 5);
        TestDatabases.fill(dataSource, ROWS);
        Files.writeString(this.migrations.resolve("V2__more.sql"), "CREATE TABLE tag (id INTEGER PRIMARY KEY);");
        GuardedStart.run(dataSource, this.migrations, 5);
        Path snapshot = new SnapshotDirectory(this.temp.resolve("backups"))
                .list(SnapshotLabel.PRE_MIGRATE)
                .get(0)
                .file();
        // What a failed non-transactional migration leaves: half of the big table gone
        new JdbcTemplate(dataSource).update("DELETE FROM item WHERE id % 2 = 0");
        Process restore = ChildProcesses.start(JournaledRestoreOnce.class, this.db.toString(), snapshot.toString());
        awaitRestoreHalfway(this.db, restore);
        restore.destroyForcibly();
        assertThat(restore.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(this.temp.resolve("backups/.restore-in-progress.properties")))
                .as("intent left by the killed restore")
                .isTrue();
        return snapshot;
    }

    private static void awaitRestoreHalfway(Path db, Process restore) throws Exception {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        // The restore writes every page into the WAL before it commits: kill it once a good part is written
        while (sizeOf(wal) < WAL_BYTES_BEFORE_KILL) {
            assertThat(restore.isAlive()).as("restore still running").isTrue();
            Thread.onSpinWait();
        }
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException ex) {
            return 0;
        }
    }
}
