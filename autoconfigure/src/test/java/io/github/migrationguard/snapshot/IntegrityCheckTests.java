package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityCheckTests {

    @TempDir
    Path temp;

    @Test
    void soundDatabasePassesBothChecks() throws SQLException {
        Path database = databaseWithNullInColumnLaterDeclaredNotNull(false);
        try (Connection connection = TestDatabases.open(database);
                Statement statement = connection.createStatement()) {
            assertThat(IntegrityCheck.QUICK.failure(statement, "Database")).isEmpty();
            assertThat(IntegrityCheck.FULL.failure(statement, "Database")).isEmpty();
        }
    }

    @Test
    void failureNamesTheSubjectAndQuotesSqlite() throws SQLException {
        Path database = databaseWithNullInColumnLaterDeclaredNotNull(true);
        try (Connection connection = TestDatabases.open(database);
                Statement statement = connection.createStatement()) {
            assertThat(IntegrityCheck.QUICK.failure(statement, "Snapshot " + database))
                    .hasValue("Snapshot " + database + " fails PRAGMA quick_check: NULL value in book.title");
        }
    }

    @Test
    void verifierRefusesSnapshotWithSqlitesOwnWords() throws SQLException {
        Path snapshot = databaseWithNullInColumnLaterDeclaredNotNull(true);
        assertThatExceptionOfType(SnapshotException.class)
                .isThrownBy(() -> new SnapshotVerifier(null).verify(snapshot, Verification.QUICK))
                .withMessage("Snapshot " + snapshot + " fails PRAGMA quick_check: NULL value in book.title");
    }

    /**
     * A database whose row breaks a constraint of its schema: the damage {@code quick_check} reports as rows rather
     * than refusing to read the file.
     */
    private Path databaseWithNullInColumnLaterDeclaredNotNull(boolean declareNotNull) throws SQLException {
        Path database = this.temp.resolve("app.db");
        try (Connection connection = TestDatabases.open(database);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT)");
            statement.execute("INSERT INTO book (title) VALUES (NULL)");
            if (declareNotNull) {
                statement.execute("PRAGMA writable_schema = ON");
                statement.execute("UPDATE sqlite_schema SET sql = "
                        + "'CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL)' WHERE name = 'book'");
            }
        }
        return database;
    }
}
