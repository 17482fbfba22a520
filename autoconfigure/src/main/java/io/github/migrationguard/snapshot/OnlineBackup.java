package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Copies the database with SQLite's online backup API in a single step. Stepping a few pages at a time restarts from
 * scratch whenever another connection writes, which under a busy writer never finishes; one step reads a consistent
 * view while WAL writers carry on.
 */
final class OnlineBackup {

    private static final int ALL_PAGES = -1;

    private static final int SLEEP_MILLIS = 100;

    private static final int BUSY_RETRIES = 50;

    void copy(Connection connection, Path target) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        int result =
                sqlite.getDatabase().backup("main", target.toString(), null, SLEEP_MILLIS, BUSY_RETRIES, ALL_PAGES);
        if (result != 0) {
            SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(result);
            throw new SQLException(
                    "SQLite online backup to " + target + " failed: " + code.message + " (" + code + ")", null, result);
        }
    }
}
