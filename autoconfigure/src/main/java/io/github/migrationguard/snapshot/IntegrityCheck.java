package io.github.migrationguard.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Internal: SQLite's own consistency checks, quoting the first problems SQLite finds in its own words. The one place
 * the starter asks SQLite whether a database is sound: a snapshot before it gets its final name, a downloaded or
 * requested snapshot before it is restored, and the live database after a restore.
 */
public enum IntegrityCheck {

    /**
     * {@code PRAGMA quick_check}: every page and record is well-formed.
     */
    QUICK("quick_check"),

    /**
     * {@code PRAGMA integrity_check}: {@link #QUICK} plus index consistency.
     */
    FULL("integrity_check");

    /**
     * Enough for an operator to see what is wrong; SQLite stops looking once it has found this many.
     */
    private static final int MAX_REPORTED_PROBLEMS = 5;

    private final String pragma;

    IntegrityCheck(String pragma) {
        this.pragma = pragma;
    }

    /**
     * Runs the check.
     * @param statement a statement of a connection to the database
     * @param subject what is checked, as the message starts: {@code "Snapshot /data/backups/x.db"}
     * @return the failure, quoting SQLite's problems; empty when the database is sound
     * @throws SQLException when SQLite cannot run the check at all (not a database, interrupted)
     */
    public Optional<String> failure(Statement statement, String subject) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("PRAGMA " + this.pragma + "(" + MAX_REPORTED_PROBLEMS + ")")) {
            while (rows.next()) {
                String row = rows.getString(1);
                if (!"ok".equals(row)) {
                    problems.add(row);
                }
            }
        }
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of(subject + " fails PRAGMA " + this.pragma + ": " + String.join("; ", problems));
    }
}
