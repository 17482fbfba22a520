package io.github.migrationguard.benchmarks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A generated WAL-mode database of a given size with a realistic table: an integer key, a few typed columns, a text
 * column and two secondary indexes (one on a random key, one composite). Generated once per size and reused while its
 * marker file says it is complete.
 */
final class BenchDatabase {

    private static final int ROWS_PER_BATCH = 100_000;

    private final Path file;

    private BenchDatabase(Path file) {
        this.file = file;
    }

    Path file() {
        return this.file;
    }

    Path walFile() {
        return this.file.resolveSibling(this.file.getFileName() + "-wal");
    }

    /**
     * Returns a data source like an application's: WAL, a busy timeout, one new connection per call.
     * @return the data source
     */
    SQLiteDataSource dataSource() {
        return dataSource(this.file);
    }

    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /**
     * Moves the WAL into the database file and truncates it, so that every measurement starts from the same state.
     * @throws SQLException on a database error
     */
    void checkpoint() throws SQLException {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    long sizeBytes() throws IOException {
        return Files.size(this.file);
    }

    /**
     * Returns an existing database file, for example a copy of a generated one on another file system.
     * @param file the file
     * @return the database
     */
    static BenchDatabase at(Path file) {
        return new BenchDatabase(file);
    }

    /**
     * Returns the database of the given size in the directory, generating it when missing.
     * @param dir the directory
     * @param megabytes the size
     * @return the database
     * @throws Exception when generating fails
     */
    static BenchDatabase ofSize(Path dir, int megabytes) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + megabytes + "mb.db");
        Path marker = dir.resolve("bench-" + megabytes + "mb.ready");
        BenchDatabase database = new BenchDatabase(file);
        if (!Files.exists(marker) || !Files.exists(file)) {
            Files.deleteIfExists(marker);
            database.generate(megabytes * 1048576L);
            Files.createFile(marker);
        }
        return database;
    }

    private void generate(long bytes) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(this.file.resolveSibling(this.file.getFileName() + suffix));
        }
        long start = System.nanoTime();
        try (Connection connection =
                        org.sqlite.JDBC.createConnection("jdbc:sqlite:" + this.file, new java.util.Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=OFF");
            statement.execute("PRAGMA synchronous=OFF");
            statement.execute("PRAGMA cache_size=-262144");
            statement.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, "
                    + "status TEXT NOT NULL, created_at TEXT NOT NULL, total_cents INTEGER NOT NULL, note TEXT)");
            statement.execute("CREATE INDEX orders_customer ON orders(customer_id)");
            statement.execute("CREATE INDEX orders_status_created ON orders(status, created_at)");
            while (pageBytes(statement) < bytes) {
                insertBatch(statement);
            }
            statement.execute("PRAGMA journal_mode=WAL");
        }
        forceFile(this.file);
        System.out.printf(
                "  generated %s (%s) in %.0f s%n",
                this.file, Results.megabytes(Files.size(this.file)), (System.nanoTime() - start) / 1e9);
    }

    private static void insertBatch(Statement statement) throws SQLException {
        statement.execute("BEGIN");
        statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS_PER_BATCH
                + ") INSERT INTO orders(customer_id, status, created_at, total_cents, note) "
                + "SELECT abs(random()) % 100000, "
                + "CASE abs(random()) % 4 WHEN 0 THEN 'NEW' WHEN 1 THEN 'PAID' WHEN 2 THEN 'SHIPPED' ELSE 'CLOSED' END, "
                + "strftime('%Y-%m-%dT%H:%M:%S', 1700000000 + abs(random()) % 50000000, 'unixepoch'), "
                + "abs(random()) % 1000000, hex(randomblob(80)) FROM n");
        statement.execute("COMMIT");
    }

    private static long pageBytes(Statement statement) throws SQLException {
        return single(statement, "PRAGMA page_count") * single(statement, "PRAGMA page_size");
    }

    static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
