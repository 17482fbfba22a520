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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

class SnapshotRestorerTests {

    @TempDir
    Path temp;

    @Test
    void restoreReplacesTheLiveContentAndKeepsTheWalCoherent() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 1_000);
        Snapshot snapshot = snapshot(dataSource);
        List<String> before = TestDatabases.dump(db);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("DELETE FROM item WHERE id % 2 = 0");
        jdbc.execute("CREATE TABLE later (id INTEGER PRIMARY KEY)");
        try (Connection live = dataSource.getConnection()) {
            new SnapshotRestorer().restoreInto(live, snapshot.file());
        }
        assertThat(TestDatabases.dump(db)).isEqualTo(before);
        assertThat(TestDatabases.integrityCheck(db)).containsExactly("ok");
        assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
    }

    @Test
    void restoreThroughAConnectionOutsideAutoCommitMode() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 500);
        Snapshot snapshot = snapshot(dataSource);
        List<String> before = TestDatabases.dump(db);
        new JdbcTemplate(dataSource).update("DELETE FROM item");
        try (Connection live = dataSource.getConnection()) {
            live.setAutoCommit(false);
            new SnapshotRestorer().restoreInto(live, snapshot.file());
            assertThat(live.getAutoCommit()).isFalse();
        }
        assertThat(TestDatabases.dump(db)).isEqualTo(before);
    }

    @Test
    void restoreThatCannotTakeTheWriteLockFailsInsteadOfReportingSuccess() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 100);
        Snapshot snapshot = snapshot(dataSource);
        new JdbcTemplate(dataSource).update("DELETE FROM item");
        try (Connection writer = dataSource.getConnection();
                Statement statement = writer.createStatement();
                Connection live = dataSource.getConnection()) {
            statement.execute("BEGIN IMMEDIATE");
            try (Statement impatient = live.createStatement()) {
                impatient.execute("PRAGMA busy_timeout=100");
            }
            // sqlite-jdbc returns 0 here (the result code of the snapshot's handle): only the comparison catches it
            assertThatExceptionOfType(RestoreException.class)
                    .isThrownBy(() -> new SnapshotRestorer(2).restoreInto(live, snapshot.file()))
                    .withMessageContaining("does not match snapshot");
            statement.execute("ROLLBACK");
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM item", Integer.class))
                .isZero();
    }

    @Test
    void restoreFromAFileThatIsNotSqliteFailsAndLeavesTheDatabaseAlone() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 100);
        List<String> before = TestDatabases.dump(db);
        Path notSqlite = Files.writeString(this.temp.resolve("pre-migrate-20260101T000000.000Z.db"), "not sqlite");
        try (Connection live = dataSource.getConnection()) {
            assertThatExceptionOfType(RestoreException.class)
                    .isThrownBy(() -> new SnapshotRestorer().restoreInto(live, notSqlite));
        }
        assertThat(TestDatabases.dump(db)).isEqualTo(before);
    }

    @Test
    void restoreIntoADatabaseInRollbackJournalMode() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + db);
        TestDatabases.fill(dataSource, 500);
        Snapshot snapshot = snapshot(dataSource);
        List<String> before = TestDatabases.dump(db);
        new JdbcTemplate(dataSource).update("DELETE FROM item");
        try (Connection live = dataSource.getConnection()) {
            new SnapshotRestorer().restoreInto(live, snapshot.file());
        }
        assertThat(TestDatabases.dump(db)).isEqualTo(before);
        assertThat(new JdbcTemplate(dataSource).queryForObject("PRAGMA journal_mode", String.class))
                .isEqualTo("delete");
    }

    @Test
    void snapshotWithAnotherPageSizeCannotBeRestoredIntoAWalDatabaseAndSaysSo() throws Exception {
        Path db = this.temp.resolve("app.db");
        SQLiteDataSource dataSource = TestDatabases.wal(db);
        TestDatabases.fill(dataSource, 100);
        List<String> before = TestDatabases.dump(db);
        Path other = this.temp.resolve("manual-20260101T000000.000Z-8k.db");
        SQLiteDataSource otherSource = new SQLiteDataSource();
        otherSource.setUrl("jdbc:sqlite:" + other);
        try (Connection connection = otherSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size=8192");
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY)");
        }
        try (Connection live = dataSource.getConnection()) {
            assertThatExceptionOfType(RestoreException.class)
                    .isThrownBy(() -> new SnapshotRestorer(2).restoreInto(live, other))
                    .withMessageContaining("pages of 8192 bytes");
        }
        assertThat(TestDatabases.dump(db)).isEqualTo(before);
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
