package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sqlite.ProgressHandler;

/**
 * Internal: turns a freshly copied file into a standalone SQLite database (rollback journal, no {@code -wal} beside it)
 * and checks it as thoroughly as asked.
 */
public final class SnapshotVerifier {

    /** How many SQLite virtual machine steps go between two calls of the progress handler. */
    private static final int PROGRESS_OPS = 10_000;

    /** The least work worth a rest: rests shorter than this only cost context switches. */
    private static final long MIN_WORK_NANOS = 10_000_000L;

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
        verify(file, verification, (statement) -> {}, null);
    }

    /**
     * Verifies a copy, telling which statement runs the checks so that another thread can interrupt them, at about half
     * speed when paced: for a live snapshot, whose check reads every page of the copy while the application uses the
     * same disk.
     * @param file the copy
     * @param verification how thoroughly
     * @param checking told the statement before the checks start, and {@code null} once they are over
     * @param pace the pace of the checks, or {@code null} for full speed
     * @throws SnapshotException when the copy is not a sound database, or the check was interrupted
     */
    void verify(Path file, Verification verification, Consumer<Statement> checking, @Nullable HalfTime pace) {
        try (Connection connection = SqliteConnections.open(file)) {
            if (pace != null) {
                // SQLite calls the handler during its checks too, between the pages it reads
                ProgressHandler.setHandler(connection, PROGRESS_OPS, new PacedChecks(pace));
            }
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
                if (pace != null) {
                    pace.passOnInterrupt();
                }
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

    /**
     * Rests as long as the checks worked, every {@link #MIN_WORK_NANOS} of work; never stops them (cancelling a check
     * is the statement's {@code cancel()}).
     */
    private static final class PacedChecks extends ProgressHandler {

        private final HalfTime pace;

        PacedChecks(HalfTime pace) {
            this.pace = pace;
        }

        @Override
        protected int progress() {
            this.pace.restAfter(MIN_WORK_NANOS);
            return 0;
        }
    }
}
