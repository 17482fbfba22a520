package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
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
            List<String> outcomes = GuardedStart.together(instances, db, migrations, KEEP);
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
}
