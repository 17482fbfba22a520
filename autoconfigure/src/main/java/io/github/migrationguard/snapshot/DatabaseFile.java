package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Internal: where a {@link DataSource}'s database lives, as SQLite itself reports it ({@code PRAGMA database_list}), or
 * why it cannot be snapshotted.
 *
 * @param path the main database file, or {@code null} when {@link #skipReason()} says why there is none
 * @param skipReason why there is nothing to snapshot, or {@code null}
 */
public record DatabaseFile(Path path, String skipReason) {

    static final String SQLITE_PRODUCT = "SQLite";

    /**
     * Whether this database is an existing SQLite file that can be snapshotted.
     * @return whether there is a file to snapshot
     */
    public boolean exists() {
        return this.path != null;
    }

    /**
     * Returns the path of the write-ahead log beside the database file.
     * @return the {@code -wal} path
     */
    public Path walPath() {
        return this.path.resolveSibling(this.path.getFileName() + "-wal");
    }

    /**
     * Asks the database behind the given data source where its main file is.
     * @param dataSource the data source
     * @return the file, or the reason there is no file to snapshot
     */
    public static DatabaseFile locate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return locate(connection);
        } catch (SQLException ex) {
            throw new SnapshotException("Could not ask the database where its file is: " + ex.getMessage(), ex);
        }
    }

    /**
     * Asks the database behind the given connection where its main file is.
     * @param connection the connection, left open
     * @return the file, or the reason there is no file to snapshot
     * @throws SQLException when the database cannot be asked
     */
    public static DatabaseFile locate(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (!SQLITE_PRODUCT.equalsIgnoreCase(product)) {
            return new DatabaseFile(null, "the database is " + product + ", not SQLite");
        }
        String file = mainFile(connection);
        if (file == null || file.isEmpty()) {
            return new DatabaseFile(null, "the SQLite database is in memory");
        }
        return inspect(Paths.get(file).toAbsolutePath(), connection);
    }

    /**
     * Asks the database behind the given data source for the path of its main file, without looking at the file.
     * @param dataSource the data source; one connection is borrowed and returned
     * @return the path, or {@code null} when the database is not SQLite or is in memory
     */
    public static Path mainFileOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!SQLITE_PRODUCT.equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                return null;
            }
            String file = mainFile(connection);
            return (file == null || file.isEmpty()) ? null : Paths.get(file).toAbsolutePath();
        } catch (SQLException ex) {
            throw new SnapshotException("Could not ask the database where its file is: " + ex.getMessage(), ex);
        }
    }

    /**
     * Looks at a SQLite file through a connection of its own, outside any pool.
     * @param path the main database file
     * @return the file, or the reason there is nothing to snapshot in it yet
     */
    public static DatabaseFile at(Path path) {
        if (isMissingOrEmpty(path)) {
            return missing(path);
        }
        try (Connection connection = SqliteConnections.open(path)) {
            return inspect(path, connection);
        } catch (SQLException ex) {
            throw new SnapshotException("Could not open " + path + ": " + ex.getMessage(), ex);
        }
    }

    private static DatabaseFile inspect(Path path, Connection connection) throws SQLException {
        if (isMissingOrEmpty(path)) {
            return missing(path);
        }
        if (isEmptyDatabase(connection)) {
            return new DatabaseFile(null, "the SQLite database file " + path + " holds no tables yet");
        }
        return new DatabaseFile(path, null);
    }

    private static DatabaseFile missing(Path path) {
        return new DatabaseFile(null, "the SQLite database file " + path + " does not exist yet");
    }

    private static boolean isEmptyDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
            return rows.next() && rows.getInt(1) == 0;
        }
    }

    private static String mainFile(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                if ("main".equals(rows.getString("name"))) {
                    return rows.getString("file");
                }
            }
            return null;
        }
    }

    private static boolean isMissingOrEmpty(Path path) {
        try {
            // SQLite creates the file on first connection; a zero-length file holds no database yet
            return !Files.isRegularFile(path) || Files.size(path) == 0;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
