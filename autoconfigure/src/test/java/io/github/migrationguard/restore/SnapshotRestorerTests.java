package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

class SnapshotRestorerTests {

    @TempDir
    Path temp;

    private Path db;

    private SQLiteDataSource dataSource;

    private Snapshot snapshot;

    private List<String> before;

    @BeforeEach
    void walDatabaseWithASnapshot() {
        this.db = this.temp.resolve("app.db");
        this.dataSource = TestDatabases.wal(this.db);
        TestDatabases.fill(this.dataSource, 500);
        this.snapshot = snapshot(this.dataSource);
        this.before = TestDatabases.dump(this.db);
    }

    @Test
    void restoreReplacesTheLiveContentAndKeepsTheWalCoherent() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
        jdbc.update("DELETE FROM item WHERE id % 2 = 0");
        jdbc.execute("CREATE TABLE later (id INTEGER PRIMARY KEY)");
        try (Connection live = this.dataSource.getConnection()) {
            new SnapshotRestorer().restoreInto(live, this.snapshot.file());
        }
        assertThat(TestDatabases.dump(this.db)).isEqualTo(this.before);
        assertThat(TestDatabases.integrityCheck(this.db)).containsExactly("ok");
        assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
    }

    @Test
    void restoreThroughAConnectionOutsideAutoCommitMode() throws Exception {
        new JdbcTemplate(this.dataSource).update("DELETE FROM item");
        try (Connection live = this.dataSource.getConnection()) {
            live.setAutoCommit(false);
            new SnapshotRestorer().restoreInto(live, this.snapshot.file());
            assertThat(live.getAutoCommit()).isFalse();
        }
        assertThat(TestDatabases.dump(this.db)).isEqualTo(this.before);
    }

    @Test
    void restoreThatCannotTakeTheWriteLockInTimeChangesNothingAndSaysSo() throws Exception {
        new JdbcTemplate(this.dataSource).update("DELETE FROM item");
        try (Connection writer = this.dataSource.getConnection();
                Statement statement = writer.createStatement();
                Connection live = this.dataSource.getConnection()) {
            statement.execute("BEGIN IMMEDIATE");
            // sqlite-jdbc returns 0 here (the result code of the snapshot's handle): only the comparison catches it
            assertThatExceptionOfType(RestoreNotStartedException.class)
                    .isThrownBy(
                            () -> new SnapshotRestorer(Duration.ofMillis(200)).restoreInto(live, this.snapshot.file()))
                    .withMessageContaining("held the write lock")
                    .withMessageContaining("nothing was changed");
            statement.execute("ROLLBACK");
        }
        assertThat(new JdbcTemplate(this.dataSource).queryForObject("SELECT count(*) FROM item", Integer.class))
                .isZero();
    }

    @Test
    void restoreFromAFileThatIsNotSqliteFailsAndLeavesTheDatabaseAlone() throws Exception {
        Path notSqlite = Files.writeString(this.temp.resolve("pre-migrate-20260101T000000.000Z.db"), "not sqlite");
        try (Connection live = this.dataSource.getConnection()) {
            assertThatExceptionOfType(RestoreException.class)
                    .isThrownBy(() -> new SnapshotRestorer().restoreInto(live, notSqlite));
        }
        assertThat(TestDatabases.dump(this.db)).isEqualTo(this.before);
    }

    @Test
    void restoreIntoADatabaseInRollbackJournalMode() throws Exception {
        Path journal = this.temp.resolve("journal.db");
        SQLiteDataSource rollback = new SQLiteDataSource();
        rollback.setUrl("jdbc:sqlite:" + journal);
        TestDatabases.fill(rollback, 500);
        Snapshot copy = snapshot(rollback);
        List<String> original = TestDatabases.dump(journal);
        new JdbcTemplate(rollback).update("DELETE FROM item");
        try (Connection live = rollback.getConnection()) {
            new SnapshotRestorer().restoreInto(live, copy.file());
        }
        assertThat(TestDatabases.dump(journal)).isEqualTo(original);
        assertThat(new JdbcTemplate(rollback).queryForObject("PRAGMA journal_mode", String.class))
                .isEqualTo("delete");
    }

    @Test
    void snapshotWithAnotherPageSizeCannotBeRestoredIntoAWalDatabaseAndSaysSo() throws Exception {
        Path other = this.temp.resolve("manual-20260101T000000.000Z-8k.db");
        SQLiteDataSource otherSource = new SQLiteDataSource();
        otherSource.setUrl("jdbc:sqlite:" + other);
        try (Connection connection = otherSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size=8192");
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY)");
        }
        try (Connection live = this.dataSource.getConnection()) {
            assertThatExceptionOfType(RestoreException.class)
                    .isThrownBy(() -> new SnapshotRestorer().restoreInto(live, other))
                    .withMessageContaining("pages of 8192 bytes");
        }
        assertThat(TestDatabases.dump(this.db)).isEqualTo(this.before);
    }

    private static Snapshot snapshot(SQLiteDataSource dataSource) {
        return new SnapshotWriter(
                        dataSource,
                        DatabaseFile.locate(dataSource),
                        RestoreOnFailureTests.snapshotSettings(),
                        Clock.systemUTC())
                .write(SnapshotLabel.MANUAL, "test");
    }
}
