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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A broken migration makes boot after boot fail, each in a new JVM, with {@code snapshot.keep=2} and the snapshots of
 * two earlier upgrades on disk: every boot restores, the loop copies once, and nothing from before it is pruned.
 */
class CrashLoopFaultTests {

    private static final int KEEP = 2;

    private static final int FAILING_BOOTS = 5;

    private static final String BROKEN = "DELETE FROM item WHERE id % 2 = 0;\nINSERT INTO no_such_table VALUES (1);";

    @TempDir
    Path temp;

    @Test
    void bootsFailingInARowRestoreEveryTimeCopyOnceAndPruneNothing() throws Exception {
        Path db = this.temp.resolve("app.db");
        Path migrations = Files.createDirectories(this.temp.resolve("migrations"));
        List<StoredSnapshot> earlier = twoEarlierUpgrades(db, migrations);
        Files.writeString(migrations.resolve("V4__broken.sql"), BROKEN);

        for (int boot = 1; boot <= FAILING_BOOTS; boot++) {
            String result = boot(db, migrations);
            assertThat(result)
                    .as("boot %d", boot)
                    .startsWith("failed Migration failed; the database was restored from snapshot");
            List<StoredSnapshot> snapshots = preMigrate();
            assertThat(snapshots).as("after boot %d", boot).hasSize(earlier.size() + 1);
            assertThat(snapshots.subList(0, earlier.size()))
                    .as("earlier upgrades' snapshots")
                    .isEqualTo(earlier);
            assertThat(result)
                    .as("boot %d restored the loop's one snapshot", boot)
                    .contains(snapshots.get(2).file().toString());
            assertThat(TestDatabases.dump(db))
                    .isEqualTo(TestDatabases.dump(snapshots.get(2).file()));
        }

        Files.writeString(migrations.resolve("V4__broken.sql"), "CREATE TABLE t4 (id INTEGER PRIMARY KEY);");
        assertThat(boot(db, migrations)).isEqualTo("outcome SUCCESS restores=0 4");
        assertThat(TestDatabases.integrityCheck(db)).containsExactly("ok");
        assertThat(preMigrate()).as("pruned to keep=2 once a boot succeeded").hasSize(KEEP);
    }

    @Test
    void rowsWrittenBetweenFailingBootsGetAFreshSnapshot() throws Exception {
        Path db = this.temp.resolve("app.db");
        Path migrations = Files.createDirectories(this.temp.resolve("migrations"));
        List<StoredSnapshot> earlier = twoEarlierUpgrades(db, migrations);
        Files.writeString(migrations.resolve("V4__broken.sql"), BROKEN);
        assertThat(boot(db, migrations)).startsWith("failed Migration failed; the database was restored");

        // The application ran in between (an older build, or by hand) and wrote rows: the loop's snapshot lacks them
        new JdbcTemplate(TestDatabases.wal(db)).update("UPDATE item SET name = 'renamed' WHERE id = 7");
        String result = boot(db, migrations);

        List<StoredSnapshot> snapshots = preMigrate();
        assertThat(snapshots).hasSize(earlier.size() + 2);
        assertThat(result).contains(snapshots.get(3).file().toString());
        assertThat(new JdbcTemplate(TestDatabases.wal(db))
                        .queryForObject("SELECT name FROM item WHERE id = 7", String.class))
                .isEqualTo("renamed");
    }

    /** Two upgrades that succeeded, each leaving its pre-migrate snapshot: v1 to v2, v2 to v3. */
    private List<StoredSnapshot> twoEarlierUpgrades(Path db, Path migrations) throws Exception {
        Files.writeString(migrations.resolve("V1__base.sql"), "CREATE TABLE t1 (id INTEGER PRIMARY KEY);");
        GuardedStart.run(db, migrations, KEEP);
        TestDatabases.fill(TestDatabases.wal(db), 20_000);
        for (int version = 2; version <= 3; version++) {
            Files.writeString(
                    migrations.resolve("V" + version + "__up.sql"),
                    "CREATE TABLE t" + version + " (id INTEGER PRIMARY KEY);");
            assertThat(boot(db, migrations)).isEqualTo("outcome SUCCESS restores=0 " + version);
        }
        List<StoredSnapshot> earlier = preMigrate();
        assertThat(earlier).hasSize(2);
        return earlier;
    }

    private List<StoredSnapshot> preMigrate() {
        return new SnapshotDirectory(this.temp.resolve("backups")).list(SnapshotLabel.PRE_MIGRATE);
    }

    /** One boot in a JVM of its own; returns its result line. */
    private static String boot(Path db, Path migrations) throws Exception {
        Process process =
                ChildProcesses.start(GuardedStart.class, db.toString(), migrations.toString(), String.valueOf(KEEP));
        BufferedReader output = ChildProcesses.output(process);
        ChildProcesses.awaitLine(output, "ready");
        OutputStream input = process.getOutputStream();
        input.write("go\n".getBytes(StandardCharsets.UTF_8));
        input.flush();
        String line;
        String result = "no result: the boot ended without one";
        while ((line = output.readLine()) != null) {
            if (line.startsWith("outcome ") || line.startsWith("failed ")) {
                result = line;
            }
        }
        assertThat(process.waitFor()).isZero();
        return result;
    }
}
