package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several JVMs start together on one database with a pending migration, round after round. Rounds default to 3 for
 * CI; {@code -Dfaults.instance-rounds=20} replays the full scenario of issue 10.
 */
class SeveralInstancesFaultTests {

    private static final int ROUNDS = Integer.getInteger("faults.instance-rounds", 3);

    private static final int KEEP = 1;

    private static final Pattern DETAIL = Pattern.compile("-v(\\d+)-to-v(\\d+)\\.db$");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = {2, 4})
    void exactlyOneMigratesAllStartAndEverySnapshotHoldsTheVersionItsNameStates(int instances) throws Exception {
        Path db = this.temp.resolve("app.db");
        Path migrations = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__base.sql"), "CREATE TABLE t1 (id INTEGER PRIMARY KEY);");
        GuardedStart.run(db, migrations, KEEP);
        TestDatabases.fill(TestDatabases.wal(db), 20_000);
        for (int round = 2; round <= ROUNDS + 1; round++) {
            Files.writeString(
                    migrations.resolve("V" + round + "__round.sql"),
                    "CREATE TABLE t" + round + " (id INTEGER PRIMARY KEY);");
            String version = String.valueOf(round);
            List<String> outcomes = startTogether(instances, db, migrations);
            assertThat(outcomes).as("round %d", round).allMatch((line) -> line.startsWith("outcome "));
            assertThat(outcomes.stream().filter((line) -> line.startsWith("outcome SUCCESS ")))
                    .as("instances that migrated in round %d", round)
                    .hasSize(1);
            assertThat(outcomes)
                    .as("every instance reports the database after its own Flyway call")
                    .allMatch((line) -> line.endsWith(" " + version));
            assertEverySnapshotHoldsItsNamedVersion(round);
        }
    }

    private void assertEverySnapshotHoldsItsNamedVersion(int round) {
        List<StoredSnapshot> snapshots =
                new SnapshotDirectory(this.temp.resolve("backups")).list(SnapshotLabel.PRE_MIGRATE);
        assertThat(snapshots).as("pre-migrate snapshots after round %d", round).isNotEmpty();
        for (StoredSnapshot snapshot : snapshots) {
            Matcher detail = DETAIL.matcher(snapshot.file().getFileName().toString());
            assertThat(detail.find()).isTrue();
            String inside = new JdbcTemplate(TestDatabases.wal(snapshot.file()))
                    .queryForObject(
                            "SELECT version FROM flyway_schema_history WHERE success = 1 "
                                    + "ORDER BY installed_rank DESC LIMIT 1",
                            String.class);
            assertThat(inside).as(snapshot.file().toString()).isEqualTo(detail.group(1));
        }
        assertThat(snapshots.get(snapshots.size() - 1).file().getFileName().toString())
                .as("the newest snapshot is this round's pre-migration copy")
                .endsWith("-v" + (round - 1) + "-to-v" + round + ".db");
    }

    private static String result(BufferedReader output) throws Exception {
        // Logs go to standard output too: the result is the line the child prints last, in its own format
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith("outcome ") || line.startsWith("failed ")) {
                return line;
            }
        }
        return "no result: the instance ended without one";
    }

    private static List<String> startTogether(int instances, Path db, Path migrations) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Process process = ChildProcesses.start(
                    GuardedStart.class, db.toString(), migrations.toString(), String.valueOf(KEEP));
            processes.add(process);
            outputs.add(ChildProcesses.output(process));
            ChildProcesses.awaitLine(outputs.get(i), "ready");
        }
        for (Process process : processes) {
            OutputStream input = process.getOutputStream();
            input.write("go\n".getBytes(StandardCharsets.UTF_8));
            input.flush();
        }
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            outcomes.add(result(outputs.get(i)));
            assertThat(processes.get(i).waitFor()).isZero();
        }
        return outcomes;
    }
}
