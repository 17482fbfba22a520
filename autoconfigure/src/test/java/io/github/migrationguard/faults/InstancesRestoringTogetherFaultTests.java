package io.github.migrationguard.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two JVMs start together and both could restore: on a missing database ({@code restore.if-missing}), or on a
 * database a newer build migrated ({@code restore.on-downgrade}, a rollback deploy). The instance lock lets exactly
 * one restore; the other waits, then finds nothing left to restore and starts on the restored database.
 */
class InstancesRestoringTogetherFaultTests {

    private static final int KEEP = 5;

    private static final int ROWS = 20_000;

    @TempDir
    Path temp;

    private Path db;

    private Path migrations;

    @BeforeEach
    void databaseUpgradedFromV1ToV2WithRowsWrittenOnV1() throws IOException {
        this.db = this.temp.resolve("app.db");
        this.migrations = Files.createDirectories(this.temp.resolve("migrations"));
        Files.writeString(this.migrations.resolve("V1__base.sql"), "CREATE TABLE t1 (id INTEGER PRIMARY KEY);");
        GuardedStart.run(this.db, this.migrations, KEEP);
        TestDatabases.fill(TestDatabases.wal(this.db), ROWS);
        Files.writeString(this.migrations.resolve("V2__up.sql"), "CREATE TABLE t2 (id INTEGER PRIMARY KEY);");
        GuardedStart.run(this.db, this.migrations, KEEP);
        assertThat(backups().list(SnapshotLabel.PRE_MIGRATE)).hasSize(1);
    }

    @Test
    void missingDatabaseIsRestoredByOneOfTwoInstancesStartingTogether() throws Exception {
        deleteDatabaseFiles();

        List<String> outcomes = GuardedStart.together(2, this.db, this.migrations, KEEP, "if-missing");

        assertThat(outcomes).as("both instances start").allMatch((line) -> line.startsWith("outcome "));
        assertThat(outcomes).as("both see version 2").allMatch((line) -> line.endsWith(" 2"));
        assertThat(outcomes)
                .as("exactly one restores the missing file")
                .filteredOn((line) -> line.contains(" restores=1 "))
                .hasSize(1);
        assertThat(outcomes).filteredOn((line) -> line.contains(" restores=0 ")).hasSize(1);
        assertThat(rows()).as("the restored rows").isEqualTo(ROWS);
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
        assertThat(databaseFilesBesideTheBackups()).as("one database").containsExactly("app.db");
    }

    @Test
    void brandNewDatabaseIsCreatedAndMigratedByOneOfTwoInstancesStartingTogether() throws Exception {
        // A first deploy: no database file yet, nothing to restore, both instances find every migration pending
        deleteDatabaseFiles();

        List<String> outcomes = GuardedStart.together(2, this.db, this.migrations, KEEP);

        assertThat(outcomes).as("both instances start").allMatch((line) -> line.startsWith("outcome "));
        assertThat(outcomes).as("both see version 2").allMatch((line) -> line.endsWith(" 2"));
        assertThat(outcomes)
                .as("exactly one migrates, the other finds nothing pending once it holds the lock")
                .filteredOn((line) -> line.startsWith("outcome SUCCESS "))
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn((line) -> line.startsWith("outcome NOTHING_PENDING "))
                .hasSize(1);
        assertThat(new JdbcTemplate(TestDatabases.wal(this.db))
                        .queryForList(
                                "SELECT version FROM flyway_schema_history ORDER BY installed_rank", String.class))
                .as("each migration applied once")
                .containsExactly("1", "2");
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
    }

    @Test
    void rollbackDeployOfTwoInstancesStartingTogetherRestoresOnce() throws Exception {
        // The older build knows V1 only; the database is at V2
        Files.delete(this.migrations.resolve("V2__up.sql"));
        TestDatabases.fill(TestDatabases.wal(this.db), 1);

        List<String> outcomes = GuardedStart.together(2, this.db, this.migrations, KEEP, "on-downgrade");

        assertThat(outcomes).as("both instances start").allMatch((line) -> line.startsWith("outcome "));
        assertThat(outcomes).as("both see version 1").allMatch((line) -> line.endsWith(" 1"));
        assertThat(outcomes)
                .as("exactly one restores the pre-migrate snapshot")
                .filteredOn((line) -> line.contains(" restores=1 "))
                .hasSize(1);
        assertThat(outcomes)
                .as("the other finds the database no longer ahead")
                .filteredOn((line) -> line.contains(" restores=0 "))
                .hasSize(1);
        assertThat(rows()).as("the rows of v1, not the one written on v2").isEqualTo(ROWS);
        assertThat(backups().list(SnapshotLabel.PRE_RESTORE))
                .as("one restore, one copy of the newer database")
                .hasSize(1);
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
    }

    private void deleteDatabaseFiles() throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(this.db + suffix));
        }
    }

    private long rows() {
        return new JdbcTemplate(TestDatabases.wal(this.db)).queryForObject("SELECT count(*) FROM item", Long.class);
    }

    private SnapshotDirectory backups() {
        return new SnapshotDirectory(this.temp.resolve("backups"));
    }

    private List<String> databaseFilesBesideTheBackups() throws IOException {
        try (Stream<Path> files = Files.list(this.temp)) {
            return files.map((file) -> file.getFileName().toString())
                    .filter((name) -> name.endsWith(".db"))
                    .toList();
        }
    }
}
