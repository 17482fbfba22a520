package io.github.migrationguard.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The file-system state that proves, without reading the database, that nothing was committed since a crash loop's
 * restore: every way a commit reaches the files shows in it.
 */
class DatabaseFileStateTests {

    @TempDir
    Path temp;

    private Path db;

    private SQLiteDataSource dataSource;

    @BeforeEach
    void walDatabaseWithRowsAndAnEmptyWal() throws SQLException {
        this.db = this.temp.resolve("app.db");
        this.dataSource = TestDatabases.wal(this.db);
        TestDatabases.fill(this.dataSource, 100);
        execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    @Test
    void readingLeavesTheStateAsItWas() throws SQLException {
        DatabaseFileState before = settledState();
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM item").close();
        }
        assertThat(DatabaseFileState.of(this.db)).isEqualTo(before);
    }

    @Test
    void commitStillInTheWalChangesTheState() throws SQLException {
        DatabaseFileState before = settledState();
        execute("UPDATE item SET name = 'renamed' WHERE id = 7");
        assertThat(DatabaseFileState.of(this.db)).isNotEqualTo(before);
    }

    @Test
    void commitCheckpointedIntoTheDatabaseFileAndWalTruncatedChangesTheState() throws SQLException {
        DatabaseFileState before = settledState();
        execute("UPDATE item SET name = 'renamed' WHERE id = 7");
        execute("PRAGMA wal_checkpoint(TRUNCATE)");
        DatabaseFileState after = DatabaseFileState.of(this.db);
        assertThat(after.walSize()).isEqualTo(before.walSize());
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void fileReplacedByACopyChangesTheState() throws Exception {
        DatabaseFileState before = settledState();
        Path copy = this.temp.resolve("copy.db");
        Files.copy(this.db, copy);
        Files.move(copy, this.db, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(DatabaseFileState.of(this.db)).isNotEqualTo(before);
    }

    @Test
    void stateTakenInTheTickOfTheLastWriteIsNotSettled() {
        DatabaseFileState state = DatabaseFileState.of(this.db);
        assertThat(state.settledBy(state.modified())).isFalse();
    }

    @Test
    void stateRoundTripsThroughItsText() {
        DatabaseFileState state = DatabaseFileState.of(this.db);
        assertThat(DatabaseFileState.parse(state.text())).hasValue(state);
    }

    /**
     * Takes the state once the file system's clock has moved past the database's last write, as a crash loop's
     * record does (or falls back to a digest of the rows).
     */
    private DatabaseFileState settledState() {
        while (true) {
            java.time.Instant clock = DatabaseFileState.clockBeside(this.db);
            DatabaseFileState state = DatabaseFileState.of(this.db);
            if (state.settledBy(clock)) {
                return state;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
