package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SqliteConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * A data source over a copy of the database, outside the application's pool: each call opens a new direct connection
 * to the file.
 */
final class SnapshotFileDataSource extends AbstractDataSource {

    private final Path file;

    SnapshotFileDataSource(Path file) {
        this.file = file;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return SqliteConnections.open(this.file);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
