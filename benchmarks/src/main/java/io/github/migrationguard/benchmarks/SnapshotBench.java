package io.github.migrationguard.benchmarks;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotVerifier;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Snapshot speed of each method through the real engine against a plain copy, the same SQLite operations issued by
 * hand, verification cost, and the impact of a snapshot on a concurrent writer, for one database size.
 */
final class SnapshotBench {

    private static final double IDLE_WINDOW_SECONDS = 2.0;

    private static final int WRITER_REPEATS = 3;

    private final BenchDatabase database;

    private final SQLiteDataSource dataSource;

    private final Path work;

    private final Results results;

    private final int runs;

    private final String size;

    private final CopyBaseline copy;

    private double baseline;

    SnapshotBench(BenchDatabase database, Path work, Results results, int runs, String size) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.work = work;
        this.results = results;
        this.runs = runs;
        this.size = size;
        this.copy = new CopyBaseline(database.file(), work.resolve("baseline.db"));
    }

    double baseline() {
        return this.baseline;
    }

    void run() throws Exception {
        Files.createDirectories(this.work);
        measureBaseline();
        measureMethods();
        measureByHand();
        measureVerification();
        measureWithWriter();
    }

    private void measureBaseline() throws Exception {
        checkpoint();
        this.copy.javaCopy(); // warm the page cache
        this.results.section(this.size + " (" + Results.megabytes(this.database.sizeBytes()) + ", WAL mode)");
    }

    /**
     * Runs the copies and every method in turn, so that a change in machine load hits the baseline as much as the
     * methods measured against it.
     */
    private void measureMethods() throws Exception {
        List<Double> java = new ArrayList<>();
        List<Double> cp = new ArrayList<>();
        Map<SnapshotMethod, List<Double>> seconds = new EnumMap<>(SnapshotMethod.class);
        List<SnapshotMethod> used = new ArrayList<>();
        for (int i = 0; i < this.runs; i++) {
            java.add(this.copy.javaCopy());
            cp.add(this.copy.cp());
            for (SnapshotMethod method : SnapshotMethod.values()) {
                List<SnapshotMethod> resolved = (method == SnapshotMethod.AUTO) ? used : new ArrayList<>();
                seconds.computeIfAbsent(method, (key) -> new ArrayList<>())
                        .add(timedSnapshot(method, Verification.NONE, resolved));
            }
        }
        this.baseline = Math.min(Timing.median(java), Timing.median(cp));
        this.results.value("Files.copy + fsync", Results.seconds(Timing.median(java)));
        this.results.value("cp + sync FILE", Results.seconds(Timing.median(cp)));
        for (SnapshotMethod method : SnapshotMethod.values()) {
            double median = Timing.median(seconds.get(method));
            String what = "snapshot " + name(method) + " (verify none) vs copy"
                    + ((method == SnapshotMethod.AUTO) ? ", resolved to " + name(used.get(0)) : "");
            String value = Results.seconds(median) + " = " + Results.ratio(median / this.baseline);
            if (method == SnapshotMethod.FILE_COPY || method == SnapshotMethod.AUTO) {
                double throughput = this.baseline / median;
                this.results.target(
                        what.replace("vs copy", "throughput vs copy"),
                        Results.seconds(median) + ", throughput " + Results.ratio(throughput),
                        ">= 0.9x",
                        throughput >= 0.9);
            } else {
                this.results.value(what, value);
            }
        }
    }

    private void measureByHand() throws Exception {
        compareByHand(SnapshotMethod.BACKUP_API, "one-step backup API by hand", this::backupByHand);
        compareByHand(SnapshotMethod.VACUUM_INTO, "VACUUM INTO by hand", this::vacuumByHand);
    }

    private void compareByHand(SnapshotMethod method, String byHandName, Timing.Measurement byHand) throws Exception {
        List<Double> hand = new ArrayList<>();
        List<Double> starter = new ArrayList<>();
        for (int i = 0; i < this.runs; i++) {
            // Alternate which goes first, so that neither always finds the other's writes still being flushed
            if (i % 2 == 0) {
                hand.add(byHand.seconds());
                starter.add(timedSnapshot(method, Verification.NONE, new ArrayList<>()));
            } else {
                starter.add(timedSnapshot(method, Verification.NONE, new ArrayList<>()));
                hand.add(byHand.seconds());
            }
        }
        double handSeconds = Timing.median(hand);
        double starterSeconds = Timing.median(starter);
        this.results.value(byHandName + " + fsync", Results.seconds(handSeconds));
        this.results.target(
                "starter " + name(method) + " vs by hand",
                Results.ratio(starterSeconds / handSeconds),
                "<= 1.05x",
                starterSeconds / handSeconds <= 1.05);
    }

    private double backupByHand() throws Exception {
        Path target = this.work.resolve("by-hand.db");
        Files.deleteIfExists(target);
        double seconds = Timing.seconds(() -> {
            try (Connection connection = this.dataSource.getConnection()) {
                int rc = connection
                        .unwrap(SQLiteConnection.class)
                        .getDatabase()
                        .backup("main", target.toString(), null, 100, 50, -1);
                if (rc != 0) {
                    throw new IllegalStateException("backup failed with " + rc);
                }
            }
            BenchDatabase.forceFile(target);
        });
        Files.deleteIfExists(target);
        return seconds;
    }

    private double vacuumByHand() throws Exception {
        Path target = this.work.resolve("by-hand.db");
        Files.deleteIfExists(target);
        double seconds = Timing.seconds(() -> {
            try (Connection connection = this.dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("VACUUM INTO '" + target + "'");
            }
            BenchDatabase.forceFile(target);
        });
        Files.deleteIfExists(target);
        return seconds;
    }

    private void measureVerification() throws Exception {
        Snapshot copy = snapshot(SnapshotMethod.FILE_COPY, Verification.NONE);
        SnapshotVerifier verifier = new SnapshotVerifier(null);
        int quickRuns = Math.min(this.runs, 2);
        double quick =
                Timing.median(quickRuns, () -> Timing.seconds(() -> verifier.verify(copy.file(), Verification.QUICK)));
        double full = Timing.seconds(() -> verifier.verify(copy.file(), Verification.FULL));
        Files.deleteIfExists(copy.file());
        this.results.value(
                "verify quick (quick_check) vs copy",
                Results.seconds(quick) + " = " + Results.ratio(quick / this.baseline));
        this.results.value(
                "verify full (integrity_check) vs copy",
                Results.seconds(full) + " = " + Results.ratio(full / this.baseline));
        double sync = Timing.seconds(() -> Files.deleteIfExists(
                snapshot(SnapshotMethod.AUTO, Verification.QUICK).file()));
        this.results.value(
                "SnapshotWriter.write, defaults (auto + quick), all before returning",
                Results.seconds(sync) + " = " + Results.ratio(sync / this.baseline));
    }

    private void measureWithWriter() throws Exception {
        for (SnapshotMethod method : SnapshotMethod.values()) {
            List<SnapshotMethod> used = new ArrayList<>();
            WriterRuns runs = writerRuns(() -> Files.deleteIfExists(
                    snapshotUsing(method, Verification.NONE, used).file()));
            String what = "with writer: " + name(method)
                    + ((method == SnapshotMethod.AUTO) ? " (resolved to " + name(used.get(0)) + ")" : "");
            this.results.value(
                    what + ", snapshot time vs copy",
                    Results.seconds(runs.seconds()) + " = " + Results.ratio(runs.seconds() / this.baseline));
            boolean gated = method == SnapshotMethod.BACKUP_API || method == SnapshotMethod.VACUUM_INTO;
            if (gated) {
                this.results.target(what + ", writer throughput kept", runs.kept(), ">= 50%", runs.keptRatio() >= 0.5);
                this.results.target(what + ", writer errors", Long.toString(runs.errors()), "0", runs.errors() == 0);
            } else {
                this.results.value(what + ", writer throughput kept", runs.kept());
                this.results.value(what + ", writer errors", Long.toString(runs.errors()));
            }
            this.results.value(what + ", WAL growth (largest)", Results.megabytes(runs.walGrowthBytes()));
        }
        WriterRuns reading = writerRuns(this::holdReadTransaction);
        this.results.value(
                "with writer: only an open read transaction for " + Results.seconds(IDLE_WINDOW_SECONDS)
                        + ", no copy: writer throughput kept",
                reading.kept());
    }

    /**
     * Runs the action under a writer a few times: each time a fresh writer on a checkpointed database (so that WAL
     * growth is measured from an empty WAL, not hidden in a large WAL left by an earlier window), idle first, then
     * while the action runs.
     */
    private WriterRuns writerRuns(Timing.Action action) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        long errors = 0;
        long walGrowth = 0;
        for (int i = 0; i < WRITER_REPEATS; i++) {
            checkpoint();
            try (WriterLoad writer = new WriterLoad(this.database)) {
                WriterLoad.Window idle = writer.measure(null, IDLE_WINDOW_SECONDS);
                WriterLoad.Window busy = writer.measure(action, 0);
                seconds.add(busy.seconds());
                kept.add(busy.commitsPerSecond() / idle.commitsPerSecond());
                errors += busy.errors();
                walGrowth = Math.max(walGrowth, busy.walGrowthBytes());
                if (writer.firstError() != null) {
                    System.out.println("  first writer error: " + writer.firstError());
                }
            }
        }
        return new WriterRuns(Timing.median(seconds), kept, errors, walGrowth);
    }

    /**
     * What a writer did over repeated runs of one action.
     *
     * @param seconds median duration of the action
     * @param keptRatios writer throughput during the action over its idle throughput, per run
     * @param errors failed commits, all runs
     * @param walGrowthBytes largest WAL growth of any run
     */
    private record WriterRuns(double seconds, List<Double> keptRatios, long errors, long walGrowthBytes) {

        double keptRatio() {
            return Timing.median(this.keptRatios);
        }

        String kept() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%.0f%% (runs: %s)",
                    100 * keptRatio(),
                    this.keptRatios.stream()
                            .map((ratio) -> String.format(java.util.Locale.ROOT, "%.0f%%", 100 * ratio))
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private double timedSnapshot(SnapshotMethod method, Verification verification, List<SnapshotMethod> used)
            throws Exception {
        long start = System.nanoTime();
        Snapshot snapshot = snapshotUsing(method, verification, used);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.deleteIfExists(snapshot.file());
        return seconds;
    }

    private Snapshot snapshot(SnapshotMethod method, Verification verification) {
        return snapshotUsing(method, verification, new ArrayList<>());
    }

    private Snapshot snapshotUsing(SnapshotMethod method, Verification verification, List<SnapshotMethod> used) {
        SnapshotSettings settings = new SnapshotSettings(this.work.resolve("snapshots"), method, verification, 0, null);
        SnapshotWriter writer =
                new SnapshotWriter(this.dataSource, DatabaseFile.locate(this.dataSource), settings, Clock.systemUTC());
        Snapshot snapshot = writer.write(SnapshotLabel.MANUAL, "bench");
        used.add(snapshot.method());
        return snapshot;
    }

    /**
     * Holds a read transaction open as long as the idle window, copying nothing: what any one-step online copy must do.
     */
    private void holdReadTransaction() throws Exception {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            BenchDatabase.single(statement, "SELECT count(*) FROM sqlite_schema");
            java.util.concurrent.locks.LockSupport.parkNanos((long) (IDLE_WINDOW_SECONDS * 1e9));
            statement.execute("COMMIT");
        }
    }

    private void checkpoint() throws Exception {
        this.database.checkpoint();
    }

    static String name(SnapshotMethod method) {
        return method.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
