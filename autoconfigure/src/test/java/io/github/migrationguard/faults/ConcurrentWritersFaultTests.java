package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.testing.TestDatabases;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * Writers in other processes commit while snapshots are taken with every method.
 */
class ConcurrentWritersFaultTests {

    private static final int WRITERS = 2;

    @TempDir
    Path temp;

    @Test
    void writersInOtherProcessesLoseNothingAndSeeNoErrorWhileSnapshotsAreTaken() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 150_000);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE event (writer TEXT NOT NULL, sequence INTEGER NOT NULL, "
                + "PRIMARY KEY (writer, sequence))");
        List<Process> writers = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Process writer = ChildProcesses.start(RowWriter.class, db.toString(), "writer-" + i);
            writers.add(writer);
            outputs.add(ChildProcesses.output(writer));
            ChildProcesses.awaitLine(outputs.get(i), "ready");
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (SnapshotMethod method : SnapshotMethod.values()) {
            long before = events(jdbc);
            snapshots.add(writer(dataSource, method).write(SnapshotLabel.MANUAL, method.name()));
            assertThat(events(jdbc))
                    .as("rows committed while the %s snapshot ran", method)
                    .isGreaterThan(before);
        }
        for (int i = 0; i < WRITERS; i++) {
            writers.get(i).getOutputStream().close();
            String last = ChildProcesses.awaitLine(outputs.get(i), "");
            assertThat(last).as("writer-" + i).startsWith("done ");
            assertThat(writers.get(i).waitFor()).isZero();
            long committed = Long.parseLong(last.substring("done ".length()));
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM event WHERE writer = ? AND sequence BETWEEN 1 AND ?",
                            Long.class,
                            "writer-" + i,
                            committed))
                    .as("rows of writer-%d in the live database", i)
                    .isEqualTo(committed);
        }
        for (Snapshot snapshot : snapshots) {
            assertThat(TestDatabases.integrityCheck(snapshot.file()))
                    .as(snapshot.file().toString())
                    .containsExactly("ok");
        }
        assertThat(TestDatabases.integrityCheck(db)).containsExactly("ok");
    }

    private static long events(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM event", Long.class);
    }

    private static SnapshotWriter writer(SQLiteDataSource dataSource, SnapshotMethod method) {
        SnapshotSettings settings = new SnapshotSettings(null, method, Verification.FULL, 0, null);
        return new SnapshotWriter(dataSource, DatabaseFile.locate(dataSource), settings, Clock.systemUTC());
    }
}
