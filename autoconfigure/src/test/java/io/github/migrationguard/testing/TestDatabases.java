package io.github.migrationguard.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Real SQLite databases in files, for tests.
 */
public final class TestDatabases {

    private TestDatabases() {}

    /**
     * Returns a data source for a SQLite file in WAL mode, with a busy timeout, like a typical application's.
     * @param file the database file
     * @return the data source; each call to getConnection opens a new connection
     */
    public static SQLiteDataSource wal(Path file) {
        return wal(file, 10_000);
    }

    /**
     * Returns a data source for a SQLite file in WAL mode with the given busy timeout.
     * @param file the database file
     * @param busyTimeoutMillis how long a connection waits for a lock
     * @return the data source; each call to getConnection opens a new connection
     */
    public static SQLiteDataSource wal(Path file, int busyTimeoutMillis) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(busyTimeoutMillis);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /**
     * Opens a plain connection to a SQLite file.
     * @param file the file
     * @return the connection
     * @throws SQLException on error
     */
    public static Connection open(Path file) throws SQLException {
        return wal(file).getConnection();
    }

    /**
     * Creates a table with rows and an index, for content comparisons.
     * @param dataSource the database
     * @param rows how many rows
     */
    public static void fill(DataSource dataSource, int rows) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS item_name ON item(name)");
        jdbc.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ") "
                + "INSERT INTO item(name, body) SELECT 'item-' || i, randomblob(200) FROM n");
    }

    /**
     * Returns a logical dump of every table: schema SQL and every row, ordered, comparable across files.
     * @param file the database file
     * @return the dump lines
     */
    public static List<String> dump(Path file) {
        try (Connection connection =
                        org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new java.util.Properties());
                Statement statement = connection.createStatement()) {
            List<String> lines = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
                while (rows.next()) {
                    lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                    if ("table".equals(rows.getString(1))) {
                        tables.add(rows.getString(2));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        StringBuilder line = new StringBuilder(table).append(':');
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            line.append('|')
                                    .append(
                                            value instanceof byte[] bytes
                                                    ? java.util.HexFormat.of().formatHex(bytes)
                                                    : value);
                        }
                        lines.add(line.toString());
                    }
                }
            }
            return lines;
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not dump " + file, ex);
        }
    }

    /**
     * Overwrites the page before the last one of a database file with garbage, as a failing disk would.
     * @param file the database file
     */
    public static void corruptPageNearTheEnd(Path file) {
        try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            long pageSize = 4096;
            long lastPage = channel.size() / pageSize - 1;
            byte[] garbage = new byte[(int) pageSize];
            java.util.Arrays.fill(garbage, (byte) 0x5a);
            channel.write(java.nio.ByteBuffer.wrap(garbage), (lastPage - 1) * pageSize);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Runs {@code PRAGMA integrity_check} on a file.
     * @param file the database file
     * @return the result rows; {@code [ok]} when sound
     */
    public static List<String> integrityCheck(Path file) {
        try (Connection connection =
                        org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new java.util.Properties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        } catch (SQLException ex) {
            throw new IllegalStateException("Could not check " + file, ex);
        }
    }
}
