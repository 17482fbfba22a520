package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live snapshot's verification rests as long as it works, from inside SQLite's own checks, and still finds what it
 * must find.
 */
class PacedVerificationTests {

    @TempDir
    Path temp;

    @Test
    void quickCheckRestsAsLongAsItWorks() throws SQLException {
        Path copy = database(40_000);
        List<Long> rests = new ArrayList<>();
        new SnapshotVerifier(null).verify(copy, Verification.QUICK, (statement) -> {}, new HalfTime(rests::add));
        // quick_check of 40 MB works for well over one stretch of 10 ms; each rest is as long as the stretch before
        assertThat(rests).isNotEmpty().allMatch((nanos) -> nanos >= 10_000_000L);
    }

    @Test
    void pacedCheckStillRefusesADamagedCopy() throws SQLException {
        Path copy = database(2_000);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement()) {
            // A row that breaks a constraint its table is then said to have: quick_check reports it
            statement.execute("INSERT INTO item (payload) VALUES (NULL)");
            statement.execute("PRAGMA writable_schema = ON");
            statement.execute("UPDATE sqlite_schema SET sql = "
                    + "'CREATE TABLE item (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)' WHERE name = 'item'");
        }
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(() -> new SnapshotVerifier(null)
                        .verify(copy, Verification.QUICK, (statement) -> {}, new HalfTime((nanos) -> {})))
                .withMessageContaining("quick_check");
    }

    @Test
    void interruptedCheckRunsToTheEndWithoutRestingAndKeepsTheInterrupt() throws SQLException {
        Path copy = database(40_000);
        List<Long> rests = new ArrayList<>();
        Thread.currentThread().interrupt();
        new SnapshotVerifier(null).verify(copy, Verification.QUICK, (statement) -> {}, new HalfTime(rests::add));
        assertThat(Thread.interrupted()).isTrue();
        assertThat(rests).isEmpty();
    }

    private Path database(int rows) throws SQLException {
        Path database = this.temp.resolve("copy.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, payload BLOB)");
            statement.execute("CREATE INDEX item_payload ON item (payload)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows
                    + ") INSERT INTO item (payload) SELECT randomblob(1000) FROM n");
        }
        return database;
    }
}
