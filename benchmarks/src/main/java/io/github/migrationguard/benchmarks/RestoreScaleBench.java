package io.github.migrationguard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteConnection;

/**
 * Where the time of a restore goes as the database grows: the one backup step that writes every page, the checks that
 * read every page back ({@code dbstat} page map, row counts) and the final checkpoint, on the path the restore takes
 * today (WAL) and on the alternatives (checkpoint before the checks, a larger page cache, rollback-journal mode for the
 * step). Each variant restores the same snapshot into a copy of it that a failed migration changed; every figure is
 * compared with {@code cp} + {@code sync} of the same file in the same run.
 */
final class RestoreScaleBench {

    private static final String PAGE_MAP_SQL = "SELECT count(*), sum(ncell), sum(payload) FROM (SELECT pageno, name,"
            + " pagetype, ncell, payload, unused, mx_payload FROM dbstat WHERE aggregate = FALSE ORDER BY pageno)";

    private final Path dir;

    private final List<Integer> sizesMb;

    private final Results results;

    RestoreScaleBench(Path dir, List<Integer> sizesMb, Results results) {
        this.dir = dir;
        this.sizesMb = sizesMb;
        this.results = results;
    }

    void run() throws Exception {
        Files.createDirectories(this.dir);
        for (int megabytes : this.sizesMb) {
            Path snapshot = this.dir.resolve("restore-" + megabytes + "mb.db");
            Path marker = this.dir.resolve("restore-" + megabytes + "mb.ready");
            if (!Files.exists(marker) || !Files.exists(snapshot)) {
                ScaleBench.generate(snapshot, megabytes * 1024L * 1024);
                Files.createFile(marker);
            }
            measure(snapshot);
        }
    }

    private void measure(Path snapshot) throws Exception {
        this.results.section(
                "Restore at scale: " + Results.megabytes(Files.size(snapshot)) + ", load average " + loadAverage());
        Path live = this.dir.resolve("live.db");
        double cp = new CopyBaseline(snapshot, this.dir.resolve("baseline.db")).cp();
        this.results.value("cp + sync FILE", Results.seconds(cp));
        double expected = Timing.seconds(() -> {
            try (Connection connection = open(snapshot)) {
                checks(connection);
            }
        });
        this.results.value("checks on the snapshot (expected values)", ratioOf(expected, cp));
        for (Variant variant : Variant.values()) {
            prepare(snapshot, live);
            List<Double> phases = new ArrayList<>();
            try (Connection connection = open(live)) {
                phases.addAll(variant.run(connection, snapshot));
                requireRestored(connection, variant);
            }
            double total = phases.stream().mapToDouble(Double::doubleValue).sum();
            this.results.value(
                    variant.label + ": total (" + variant.phases + ")",
                    ratioOf(total, cp) + " ["
                            + String.join(
                                    " + ", phases.stream().map(Results::seconds).toList()) + "]");
        }
        deleteWithSidecars(live);
    }

    private String ratioOf(double seconds, double cp) {
        return Results.seconds(seconds) + " = " + Results.ratio(seconds / cp) + " of cp";
    }

    /** A live database as a failed migration left it: the snapshot's pages, plus a new table, in WAL mode. */
    private static void prepare(Path snapshot, Path live) throws Exception {
        deleteWithSidecars(live);
        Process process = new ProcessBuilder("cp", snapshot.toString(), live.toString())
                .inheritIO()
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("cp failed");
        }
        try (Connection connection = open(live);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE copied AS SELECT id, k FROM big WHERE id <= 100000");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static void deleteWithSidecars(Path file) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    static Connection open(Path file) throws Exception {
        return org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new Properties());
    }

    /** What the restore's checks read: the row count of every table and the page map of every b-tree page. */
    static void checks(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                BenchDatabase.single(statement, "SELECT count(*) FROM \"" + table + "\"");
            }
            BenchDatabase.single(statement, PAGE_MAP_SQL);
        }
    }

    /** The backup API reports success even when it could not write the live database: look. */
    private static void requireRestored(Connection connection, Variant variant) throws Exception {
        try (Statement statement = connection.createStatement()) {
            if (BenchDatabase.single(statement, "SELECT count(*) FROM sqlite_schema WHERE name = 'copied'") != 0) {
                throw new IllegalStateException(variant.label + " did not restore the snapshot");
            }
        }
    }

    static void step(Connection connection, Path snapshot) throws Exception {
        int result = connection
                .unwrap(SQLiteConnection.class)
                .getDatabase()
                .restore("main", snapshot.toString(), null, 0, 0, -1);
        if (result != 0) {
            throw new IllegalStateException("restore step returned " + result);
        }
    }

    static void execute(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception ex) {
            return "unknown";
        }
    }

    /** The ways to restore that are compared. */
    private enum Variant {
        WAL("WAL (the restore before this change)", "step + checks through the WAL + checkpoint") {
            @Override
            List<Double> run(Connection connection, Path snapshot) throws Exception {
                return List.of(
                        Timing.seconds(() -> step(connection, snapshot)),
                        Timing.seconds(() -> checks(connection)),
                        Timing.seconds(() -> execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)")));
            }
        },
        WAL_CHECKPOINT_FIRST("WAL, checkpoint before the checks", "step + checkpoint + checks on the main file") {
            @Override
            List<Double> run(Connection connection, Path snapshot) throws Exception {
                return List.of(
                        Timing.seconds(() -> step(connection, snapshot)),
                        Timing.seconds(() -> execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)")),
                        Timing.seconds(() -> checks(connection)));
            }
        },
        WAL_LARGE_CACHE("WAL, 256 MB page cache", "step + checkpoint + checks") {
            @Override
            List<Double> run(Connection connection, Path snapshot) throws Exception {
                execute(connection, "PRAGMA cache_size = -262144");
                return List.of(
                        Timing.seconds(() -> step(connection, snapshot)),
                        Timing.seconds(() -> execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)")),
                        Timing.seconds(() -> checks(connection)));
            }
        },
        ROLLBACK_JOURNAL_LARGE_CACHE(
                "rollback journal, 64 MB page cache (fewer spills, each of which syncs the journal)",
                "to DELETE + step + back to WAL + checks") {
            @Override
            List<Double> run(Connection connection, Path snapshot) throws Exception {
                execute(connection, "PRAGMA cache_size = -65536");
                return ROLLBACK_JOURNAL.run(connection, snapshot);
            }
        },
        ROLLBACK_JOURNAL(
                "rollback journal (journal_mode=DELETE for the step)", "to DELETE + step + back to WAL + checks") {
            @Override
            List<Double> run(Connection connection, Path snapshot) throws Exception {
                return List.of(
                        Timing.seconds(() -> execute(connection, "PRAGMA journal_mode=DELETE")),
                        Timing.seconds(() -> step(connection, snapshot)),
                        Timing.seconds(() -> execute(connection, "PRAGMA journal_mode=WAL")),
                        Timing.seconds(() -> checks(connection)));
            }
        };

        private final String label;

        private final String phases;

        Variant(String label, String phases) {
            this.label = label;
            this.phases = phases;
        }

        abstract List<Double> run(Connection connection, Path snapshot) throws Exception;
    }
}
