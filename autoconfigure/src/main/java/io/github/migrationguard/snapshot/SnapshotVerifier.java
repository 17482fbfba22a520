package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Internal: turns a freshly copied file into a standalone SQLite database (rollback journal, no {@code -wal} beside it)
 * and checks it as thoroughly as asked.
 */
public final class SnapshotVerifier {

    private final String historyTable;

    /**
     * Creates a verifier.
     * @param historyTable the Flyway schema history table that {@link Verification#HEADER} reads, or {@code null}
     */
    public SnapshotVerifier(String historyTable) {
        this.historyTable = historyTable;
    }

    /**
     * Verifies a copy.
     * @param file the copy
     * @param verification how thoroughly
     * @throws SnapshotException when the copy is not a sound database
     */
    public void verify(Path file, Verification verification) {
        verify(file, verification, (statement) -> {});
    }

    /**
     * Verifies a copy, telling which statement runs the checks so that another thread can interrupt them.
     * @param file the copy
     * @param verification how thoroughly
     * @param checking told the statement before the checks start, and {@code null} once they are over
     * @throws SnapshotException when the copy is not a sound database, or the check was interrupted
     */
    void verify(Path file, Verification verification, Consumer<Statement> checking) {
        try (Connection connection = SqliteConnections.open(file)) {
            try (Statement statement = connection.createStatement()) {
                checking.accept(statement);
                // The copy is forced to disk once, right before its rename; syncing it here too only costs time
                statement.execute("PRAGMA synchronous=OFF");
                // The copy carries the source's WAL flag; a snapshot must be one self-contained file
                statement.execute("PRAGMA journal_mode=DELETE");
                switch (verification) {
                    case NONE -> {}
                    case HEADER -> readHeader(statement);
                    case QUICK -> check(statement, IntegrityCheck.QUICK, file);
                    case FULL -> check(statement, IntegrityCheck.FULL, file);
                }
            } finally {
                checking.accept(null);
            }
        } catch (SQLException ex) {
            throw new SnapshotException(
                    "Snapshot " + file + " is not a readable SQLite database: " + ex.getMessage(), ex);
        }
    }

    private void readHeader(Statement statement) throws SQLException {
        query(statement, "PRAGMA page_count");
        query(statement, "SELECT count(*) FROM sqlite_schema");
        if (this.historyTable != null && hasTable(statement, this.historyTable)) {
            query(statement, "SELECT count(*) FROM " + SqlIdentifiers.quote(this.historyTable));
        }
    }

    private static boolean hasTable(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = " + SqlLiterals.quote(table))) {
            return rows.next();
        }
    }

    private static void query(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
        }
    }

    private static void check(Statement statement, IntegrityCheck check, Path file) throws SQLException {
        Optional<String> failure = check.failure(statement, "Snapshot " + file);
        if (failure.isPresent()) {
            throw new SnapshotException(failure.get());
        }
    }
}
