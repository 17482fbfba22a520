package io.github.migrationguard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * A database of several GB through a failed upgrade with a 64 MB heap: the pre-migrate snapshot (verified alongside
 * the migration), a migration that works for a while and then fails, and the restore of the snapshot. Compared with
 * {@code cp} + {@code sync} of the same file in the same run.
 */
final class ScaleBench {

    private static final String HEAP_LIMIT = "-Xmx64m";

    private static final int ROWS_PER_BATCH = 10_000;

    private final Path dir;

    private final int gigabytes;

    private final Results results;

    ScaleBench(Path dir, int gigabytes, Results results) {
        this.dir = dir;
        this.gigabytes = gigabytes;
        this.results = results;
    }

    void run() throws Exception {
        Files.createDirectories(this.dir);
        Path db = this.dir.resolve("scale-" + this.gigabytes + "gb.db");
        Path marker = this.dir.resolve("scale-" + this.gigabytes + "gb.ready");
        if (!Files.exists(marker) || !Files.exists(db)) {
            generate(db, this.gigabytes * 1024L * 1024 * 1024);
            Files.createFile(marker);
        }
        Path migrations = Files.createDirectories(this.dir.resolve("migrations"));
        // Works through a million rows, then fails: the snapshot is verified meanwhile, then restored
        Files.writeString(
                migrations.resolve("V2__fails_after_work.sql"),
                "CREATE TABLE copied AS SELECT id, k FROM big WHERE id <= 1000000;\n"
                        + "INSERT INTO no_such_table VALUES (1);\n");
        Path backups = this.dir.resolve("backups");
        this.results.section("Scale: " + this.gigabytes + " GB (" + Results.megabytes(Files.size(db))
                + "), failed upgrade with " + HEAP_LIMIT);
        double cp = new CopyBaseline(db, this.dir.resolve("baseline.db")).cp();
        this.results.value("cp + sync FILE", Results.seconds(cp));
        Map<String, String> values = ChildJvm.run(
                List.of(HEAP_LIMIT),
                ScaleProbe.class,
                List.of(db.toString(), migrations.toString(), backups.toString()));
        this.results.target("outcome", values.get("OUTCOME"), "RESTORED", "RESTORED".equals(values.get("OUTCOME")));
        double copy = Double.parseDouble(values.get("COPY_SECONDS"));
        this.results.value(
                "pre-migrate copy (" + values.get("SNAPSHOT_METHOD") + "), the startup pause",
                Results.seconds(copy) + " = " + Results.ratio(copy / cp) + " of cp");
        this.results.value(
                "snapshot until verified (quick_check alongside the migration)",
                Results.seconds(Double.parseDouble(values.get("SNAPSHOT_SECONDS"))));
        this.results.value(
                "restore after the failed migration",
                Results.seconds(Double.parseDouble(values.get("RESTORE_SECONDS"))));
        this.results.value("whole run, wall", Results.seconds(Double.parseDouble(values.get("TOTAL_SECONDS"))));
        this.results.target(
                "peak heap / RSS",
                Results.megabytes(Long.parseLong(values.get("PEAK_HEAP_BYTES"))) + " / "
                        + Results.megabytes(Long.parseLong(values.get("PEAK_RSS_KB")) * 1024),
                "runs in " + HEAP_LIMIT,
                true);
        for (Path snapshot : new io.github.migrationguard.snapshot.SnapshotDirectory(backups)
                .list().stream()
                        .map(io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot::file)
                        .toList()) {
            Files.delete(snapshot);
        }
    }

    static void generate(Path file, long bytes) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        long start = System.nanoTime();
        try (Connection connection =
                        org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new java.util.Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=OFF");
            statement.execute("PRAGMA synchronous=OFF");
            statement.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, body BLOB NOT NULL)");
            statement.execute("CREATE INDEX big_k ON big(k)");
            long pageSize = BenchDatabase.single(statement, "PRAGMA page_size");
            while (BenchDatabase.single(statement, "PRAGMA page_count") * pageSize < bytes) {
                statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                        + ROWS_PER_BATCH + ") INSERT INTO big(k, body) SELECT abs(random()) % 1000000, "
                        + "randomblob(3000) FROM n");
            }
            statement.execute("PRAGMA journal_mode=WAL");
        }
        BenchDatabase.forceFile(file);
        System.out.printf(
                "  generated %s (%s) in %.0f s%n",
                file, Results.megabytes(Files.size(file)), (System.nanoTime() - start) / 1e9);
    }
}
