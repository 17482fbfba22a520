package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineBackupTests {

    /** Rows of 1 KB: 40 MB, ten steps of the paced copy at the least. */
    private static final int ROWS = 40_000;

    private static final int MAX_COMMITS = 20;

    @TempDir
    Path temp;

    private final OnlineBackup backup = new OnlineBackup();

    @Test
    void pacedCopyHoldsTheDatabaseAsItBeganWhileAnotherConnectionCommitsBetweenEverySteps() throws Exception {
        Path database = database("WAL");
        Path copy = this.temp.resolve("copy.db");
        AtomicInteger commits = new AtomicInteger();
        try (Connection source = TestDatabases.open(database);
                Connection writer = TestDatabases.open(database);
                Statement writes = writer.createStatement()) {
            // Each commit lands while the copy holds its read transaction: in WAL mode it never waits for it, and a
            // copy that restarted on seeing it would end up holding it (commits stop after 20 steps, so that such a
            // copy still ends)
            this.backup.copyPaced(source, copy, () -> {
                if (commits.get() == MAX_COMMITS) {
                    return;
                }
                try {
                    writes.execute("INSERT INTO item (payload) VALUES (randomblob(1000))");
                    commits.incrementAndGet();
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            assertThat(count(writer, "SELECT count(*) FROM item")).isEqualTo(ROWS + commits.get());
        }
        assertThat(commits.get()).isGreaterThanOrEqualTo(9);
        try (Connection copied = SqliteConnections.openReadOnly(copy)) {
            assertThat(count(copied, "SELECT count(*) FROM item")).isEqualTo(ROWS);
            try (Statement statement = copied.createStatement()) {
                assertThat(IntegrityCheck.FULL.failure(statement, "Copy")).isEmpty();
            }
        }
    }

    @Test
    void pacedCopyOfADatabaseInRollbackJournalModeIsOneStep() throws Exception {
        Path database = database("DELETE");
        Path copy = this.temp.resolve("copy.db");
        AtomicInteger steps = new AtomicInteger();
        try (Connection source = plain(database)) {
            this.backup.copyPaced(source, copy, steps::incrementAndGet);
        }
        assertThat(steps).hasValue(0);
        try (Connection copied = SqliteConnections.openReadOnly(copy)) {
            assertThat(count(copied, "SELECT count(*) FROM item")).isEqualTo(ROWS);
        }
    }

    @Test
    void pacedCopyCompletesWhenInterruptedAndKeepsTheInterrupt() throws Exception {
        Path database = database("WAL");
        Path copy = this.temp.resolve("copy.db");
        AtomicInteger steps = new AtomicInteger();
        try (Connection source = TestDatabases.open(database)) {
            Thread.currentThread().interrupt();
            this.backup.copyPaced(source, copy, steps::incrementAndGet);
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(steps.get()).isGreaterThanOrEqualTo(9);
        try (Connection copied = SqliteConnections.openReadOnly(copy)) {
            assertThat(count(copied, "SELECT count(*) FROM item")).isEqualTo(ROWS);
        }
    }

    @Test
    void pacedCopyLeavesTheSourceConnectionOutsideAnyTransaction() throws Exception {
        Path database = database("WAL");
        try (Connection source = TestDatabases.open(database)) {
            this.backup.copyPaced(source, this.temp.resolve("copy.db"));
            assertThat(source.getAutoCommit()).isTrue();
            try (Statement statement = source.createStatement()) {
                // Fails with "cannot start a transaction within a transaction" when the read was left open
                statement.execute("BEGIN IMMEDIATE");
                statement.execute("ROLLBACK");
            }
        }
    }

    private Path database(String journalMode) {
        Path database = this.temp.resolve("live.db");
        try (Connection connection = plain(database);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = " + journalMode);
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, payload BLOB)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS
                    + ") INSERT INTO item (payload) SELECT randomblob(1000) FROM n");
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return database;
    }

    /** A connection that leaves the journal mode as the file has it. */
    private static Connection plain(Path database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
