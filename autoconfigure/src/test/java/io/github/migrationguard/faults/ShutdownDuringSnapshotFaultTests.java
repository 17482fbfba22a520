package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.snapshot.PendingSnapshot;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SIGTERM to a running application while it takes a snapshot of a database of a few hundred MB: it stops within the
 * documented time ({@link PendingSnapshot#SHUTDOWN_WAIT}, plus a few seconds to cancel and for the JVM to exit),
 * and leaves no final-name file that is not a sound, verified database.
 */
class ShutdownDuringSnapshotFaultTests {

    private static final long DATABASE_BYTES = Long.getLong("faults.shutdown.database-bytes", 200L * 1024 * 1024);

    /** Cancelling a verification, closing the context and exiting the JVM: generous on a loaded machine. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    @Test
    void sigtermDuringAScheduledSnapshotStopsInTimeAndLeavesOnlyVerifiedSnapshots() throws Exception {
        Path db = this.temp.resolve("app.db");
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabases.wal(db));
        jdbc.execute("CREATE TABLE blob (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
        jdbc.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                + DATABASE_BYTES / 1_100 + ") INSERT INTO blob(body) SELECT randomblob(1000) FROM n");
        jdbc.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        Migrations migrations = new Migrations(this.temp.resolve("migrations"))
                .add("V1__blob.sql", "CREATE TABLE IF NOT EXISTS blob (id INTEGER PRIMARY KEY, body BLOB NOT NULL);");
        Path backups = this.temp.resolve("backups");
        Process child = ChildProcesses.start(ScheduledSnapshotApplication.class, db.toString(), migrations.location());
        try (BufferedReader output = ChildProcesses.output(child)) {
            ChildProcesses.awaitLine(output, "ready");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !partialFiles(backups).isEmpty());
            long start = System.nanoTime();
            child.destroy(); // SIGTERM
            boolean exited = child.waitFor(
                    PendingSnapshot.SHUTDOWN_WAIT.plus(EXIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            long stoppedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(exited).as("stopped within the documented time").isTrue();
            System.out.printf("Stopped %d ms after SIGTERM, exit code %d%n", stoppedAfter, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        // A copy still under way when the JVM exits (the online backup cannot be interrupted, and on a loaded machine
        // it outlasts the scheduler's wait) leaves its hidden temporary file, never a final name: the next snapshot
        // removes it as a leftover
        List<Path> leftovers = partialFiles(backups);
        assertThat(new SnapshotDirectory(backups).removeLeftovers()).containsExactlyInAnyOrderElementsOf(leftovers);
        assertThat(partialFiles(backups)).isEmpty();
        for (SnapshotDirectory.StoredSnapshot snapshot : new SnapshotDirectory(backups).list()) {
            assertThat(TestDatabases.integrityCheck(snapshot.file()))
                    .as(snapshot.file().toString())
                    .containsExactly("ok");
        }
    }

    private static List<Path> partialFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter((file) -> file.getFileName().toString().contains(".partial"))
                    .toList();
        }
    }
}
