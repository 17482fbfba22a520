package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a compacted copy of the database with {@code VACUUM INTO}.
 */
final class VacuumInto {

    void copy(Connection connection, Path target) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO " + SqlLiterals.quote(target.toString()));
        }
    }
}
