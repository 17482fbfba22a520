package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.restore.RestoreException;
import io.github.migrationguard.restore.RestoreInto;
import io.github.migrationguard.testing.TestDatabases;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * Restores, one after another, into a database that other processes read ({@code sqlite3} running
 * {@code PRAGMA integrity_check} in a loop) and write (child JVMs committing rows with a busy timeout). Every restore
 * is complete (the restorer proved the live database equal to the snapshot page for page and passing
 * {@code quick_check}) or a clean no-op reported as such, and no process ever sees a damaged database. CI runs 10
 * restores of a 48 MB database; {@code -Dfaults.restores=50 -Dfaults.restore-mb=200} is the full run of issue 10.
 */
class ConcurrentRestoresFaultTests {

    private static final int RESTORES = Integer.getInteger("faults.restores", 10);

    private static final int MEGABYTES = Integer.getInteger("faults.restore-mb", 48);

    private static final int WRITERS = 2;

    @TempDir
    Path temp;

    @Test
    void everyRestoreUnderReadersAndWritersIsCompleteOrACleanNoOpAndNothingIsDamaged() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, MEGABYTES * 1024 * 1024 / 300);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE event (writer TEXT NOT NULL, sequence INTEGER NOT NULL, "
                + "PRIMARY KEY (writer, sequence))");
        Path snapshot = this.temp.resolve("snapshot.db");
        jdbc.execute("VACUUM INTO '" + snapshot + "'");
        Path readerLog = this.temp.resolve("integrity.log");
        Process reader = integrityChecksInALoop(db, readerLog);
        List<Process> writers = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(ChildProcesses.start(RowWriter.class, db.toString(), "writer-" + i));
            outputs.add(ChildProcesses.output(writers.get(i)));
            ChildProcesses.awaitLine(outputs.get(i), "ready");
        }
        int complete = 0;
        List<String> noOps = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < RESTORES; i++) {
            try (Connection live = dataSource.getConnection()) {
                RestoreInto.restore(live, snapshot);
                complete++;
            } catch (RestoreException ex) {
                // A restore that could not get the write lock says so, in these words
                (ex.getMessage().contains("nothing was changed") ? noOps : failed).add(ex.getMessage());
            }
        }
        for (int i = 0; i < WRITERS; i++) {
            writers.get(i).getOutputStream().close();
            assertThat(ChildProcesses.awaitLine(outputs.get(i), ""))
                    .as("writer-" + i)
                    .startsWith("done ");
            assertThat(writers.get(i).waitFor()).isZero();
        }
        reader.destroy();
        assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failed).as("restores neither complete nor a clean no-op").isEmpty();
        assertThat(complete + noOps.size()).isEqualTo(RESTORES);
        assertThat(Files.readAllLines(readerLog))
                .as("what the concurrent integrity checks saw")
                .isNotEmpty()
                .allMatch("ok"::equals);
        assertThat(TestDatabases.integrityCheck(db)).containsExactly("ok");
    }

    /** A separate process, the {@code sqlite3} shell, running integrity checks back to back with a busy timeout. */
    private static Process integrityChecksInALoop(Path db, Path log) throws Exception {
        String loop = "while true; do sqlite3 -cmd '.timeout 30000' '" + db + "' 'PRAGMA integrity_check' 2>&1; done";
        return new ProcessBuilder("bash", "-c", loop)
                .redirectOutput(log.toFile())
                .redirectErrorStream(true)
                .start();
    }
}
