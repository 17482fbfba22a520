package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.TestDatabases;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * kill -9 of a process at random points while it takes snapshots of a database of a few hundred MB, or restores one
 * into it.
 */
class KillDuringSnapshotFaultTests {

    private static final int KILLS = 50;

    private static final int RESTORE_KILLS = 10;

    private static final long DATABASE_BYTES = Long.getLong("faults.kill.database-bytes", 200L * 1024 * 1024);

    private static final SnapshotMethod[] METHODS = {
        SnapshotMethod.AUTO, SnapshotMethod.FILE_COPY, SnapshotMethod.BACKUP_API, SnapshotMethod.VACUUM_INTO
    };

    @TempDir
    static Path temp;

    static Path db;

    @BeforeAll
    static void databaseOfAFewHundredMegabytes() {
        db = temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE blob (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB NOT NULL)");
        jdbc.execute("CREATE INDEX blob_name ON blob(name)");
        long rows = DATABASE_BYTES / 1_100;
        jdbc.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ") "
                + "INSERT INTO blob(name, body) SELECT 'blob-' || i, randomblob(1000) FROM n");
        jdbc.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    @Test
    void killedSnapshotsNeverLeaveACorruptFinalFileAndTheNextRunCleansUp() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        Random random = new Random(seed);
        SnapshotDirectory backups = new SnapshotDirectory(temp.resolve("backups"));
        // Children start cold: a window of three warm snapshots lands kills in every phase of the first one or two
        long windowMillis = timeOneSnapshot() * 3;
        Set<Path> checked = new HashSet<>();
        int killsLeavingLeftovers = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            SnapshotMethod method = METHODS[kill % METHODS.length];
            Process child = ChildProcesses.start(SnapshotLoop.class, db.toString(), method.name());
            try (BufferedReader output = ChildProcesses.output(child)) {
                ChildProcesses.awaitLine(output, "ready");
                long killPoint = (long) (random.nextDouble() * windowMillis);
                if (!child.waitFor(killPoint, TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly(); // SIGKILL
                }
                child.waitFor();
            }
            String context = "kill " + kill + " (" + method + ", seed " + seed + ")";
            killsLeavingLeftovers += leftovers(backups).isEmpty() ? 0 : 1;
            for (SnapshotDirectory.StoredSnapshot snapshot : backups.list()) {
                if (checked.add(snapshot.file())) {
                    assertThat(TestDatabases.integrityCheck(snapshot.file()))
                            .as(context + ": " + snapshot.file())
                            .containsExactly("ok");
                }
            }
            if (kill % 10 == 9) {
                assertThat(TestDatabases.integrityCheck(db)).as(context).containsExactly("ok");
            }
        }
        System.out.printf(
                "%d kills (seed %d): %d left a .partial file, %d final-name snapshots checked%n",
                KILLS, seed, killsLeavingLeftovers, checked.size());
        assertThat(killsLeavingLeftovers)
                .as("kills that left a .partial file (seed " + seed + ")")
                .isPositive();
        assertThat(checked)
                .as("final-name snapshots written before a kill (seed " + seed + ")")
                .isNotEmpty();
        assertThat(TestDatabases.integrityCheck(db)).containsExactly("ok");
        Snapshot next = writer(SnapshotMethod.AUTO).write(SnapshotLabel.PRE_MIGRATE, "after-kills");
        assertThat(leftovers(backups)).isEmpty();
        assertThat(TestDatabases.integrityCheck(next.file())).containsExactly("ok");
    }

    @Test
    void killedRestoresLeaveEitherTheDatabaseAsItWasOrTheRestoredOne() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        Random random = new Random(seed);
        Snapshot snapshot = writer(SnapshotMethod.AUTO).write(SnapshotLabel.MANUAL, "restore-source");
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.wal(db));
        long snapshotRows = rows(jdbc);
        long windowMillis = 0;
        int interrupted = 0;
        for (int kill = 0; kill < RESTORE_KILLS; kill++) {
            jdbc.update("DELETE FROM blob WHERE id % 50 = ?", kill);
            long liveRows = rows(jdbc);
            Process child = ChildProcesses.start(
                    RestoreOnce.class, db.toString(), snapshot.file().toString());
            try (BufferedReader output = ChildProcesses.output(child)) {
                ChildProcesses.awaitLine(output, "ready");
                long start = System.nanoTime();
                if (kill == 0) {
                    // The first restore runs to the end; the others are killed at a random point of as long a run
                    ChildProcesses.awaitLine(output, "restored");
                    windowMillis = Math.max(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), 50);
                } else if (!child.waitFor((long) (random.nextDouble() * windowMillis), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly(); // SIGKILL
                    interrupted++;
                }
                child.waitFor();
            }
            String context = "restore kill " + kill + " (seed " + seed + ")";
            assertThat(TestDatabases.integrityCheck(db)).as(context).containsExactly("ok");
            assertThat(rows(jdbc)).as(context).isIn(liveRows, snapshotRows);
        }
        System.out.printf("%d restores (seed %d): %d killed before they ended%n", RESTORE_KILLS, seed, interrupted);
        assertThat(interrupted)
                .as("restores killed before they ended (seed " + seed + ")")
                .isPositive();
    }

    private static long rows(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM blob", Long.class);
    }

    private static long timeOneSnapshot() {
        long start = System.nanoTime();
        Snapshot snapshot = writer(SnapshotMethod.FILE_COPY).write(SnapshotLabel.MANUAL, "timing");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        try {
            Files.delete(snapshot.file());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return Math.max(millis, 50);
    }

    private static SnapshotWriter writer(SnapshotMethod method) {
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        SnapshotSettings settings = new SnapshotSettings(null, method, Verification.QUICK, 0, null);
        return new SnapshotWriter(dataSource, DatabaseFile.locate(dataSource), settings, Clock.systemUTC());
    }

    private static List<Path> leftovers(SnapshotDirectory backups) throws Exception {
        if (!Files.isDirectory(backups.path())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups.path())) {
            return files.filter((file) -> file.getFileName().toString().contains(".partial"))
                    .toList();
        }
    }
}
