package io.github.migrationguard.strategy;

import java.sql.SQLException;

/**
 * SQLite's own words about a failure: the message of the innermost {@link SQLException} under it.
 */
final class SqliteError {

    private SqliteError() {}

    /**
     * Describes the database error behind a failure.
     * @param failure the failure
     * @return {@code "SQLite said: ..."} with a leading space, or an empty string when no database error is behind it
     */
    static String of(Throwable failure) {
        SQLException innermost = null;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                innermost = sql;
            }
        }
        return (innermost != null && innermost.getMessage() != null) ? " SQLite said: " + innermost.getMessage() : "";
    }
}
