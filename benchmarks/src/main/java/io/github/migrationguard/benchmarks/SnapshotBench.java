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
import java.util.List;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Snapshot speed of each method through the real engine against a plain copy, the same SQLite operations issued by
 * hand, verification cost, and the impact of a snapshot on a concurrent writer, for one database size.
 */
final class SnapshotBench {

    private static final double IDLE_WINDOW_SECONDS = 2.0;

    private final BenchDatabase database;

    private final SQLiteDataSource dataSource;

    private final Path work;

    private final Results results;

    private final int runs;

    private final String size;

    private double baseline;

    SnapshotBench(BenchDatabase database, Path work, Results results, int runs, String size) {
        this.database = database;
        this.dataSource = database.dataSource();
        this.work = work;
        this.results = results;
        this.runs = runs;
        this.size = size;
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
        CopyBaseline copy = new CopyBaseline(this.database.file(), this.work.resolve("baseline.db"));
        copy.javaCopy(); // warm the page cache
        double java = Timing.median(this.runs, copy::javaCopy);
        double cp = Timing.median(this.runs, copy::cp);
        this.baseline = Math.min(java, cp);
        this.results.section(this.size + " (" + Results.megabytes(this.database.sizeBytes()) + ", WAL mode)");
        this.results.value("Files.copy + fsync", Results.seconds(java));
        this.results.value("cp + sync FILE", Results.seconds(cp));
    }

    private void measureMethods() throws Exception {
        for (SnapshotMethod method : SnapshotMethod.values()) {
            List<SnapshotMethod> used = new ArrayList<>();
            double seconds = Timing.median(this.runs, () -> timedSnapshot(method, Verification.NONE, used));
            String what = "snapshot " + name(method) + " (verify none) vs copy"
                    + ((method == SnapshotMethod.AUTO) ? ", resolved to " + name(used.get(0)) : "");
            double throughput = this.baseline / seconds;
            String value = Results.seconds(seconds) + " = " + Results.ratio(seconds / this.baseline);
            if (method == SnapshotMethod.FILE_COPY || method == SnapshotMethod.AUTO) {
                this.results.target(what, value, "throughput >= 0.9x copy", throughput >= 0.9);
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
            hand.add(byHand.seconds());
            starter.add(timedSnapshot(method, Verification.NONE, new ArrayList<>()));
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
        try (WriterLoad writer = new WriterLoad(this.database)) {
            for (SnapshotMethod method : SnapshotMethod.values()) {
                WriterLoad.Window idle = writer.measure(null, IDLE_WINDOW_SECONDS);
                List<SnapshotMethod> used = new ArrayList<>();
                WriterLoad.Window busy = writer.measure(
                        () -> Files.deleteIfExists(
                                snapshotUsing(method, Verification.NONE, used).file()),
                        0);
                double kept = busy.commitsPerSecond() / idle.commitsPerSecond();
                String what = "with writer: " + name(method)
                        + ((method == SnapshotMethod.AUTO) ? " (resolved to " + name(used.get(0)) + ")" : "");
                this.results.value(
                        what + ", snapshot time vs copy",
                        Results.seconds(busy.seconds()) + " = " + Results.ratio(busy.seconds() / this.baseline));
                String throughput = String.format(
                        java.util.Locale.ROOT,
                        "%.0f/s of %.0f/s = %.0f%%",
                        busy.commitsPerSecond(),
                        idle.commitsPerSecond(),
                        kept * 100);
                boolean gated = method == SnapshotMethod.BACKUP_API || method == SnapshotMethod.VACUUM_INTO;
                if (gated) {
                    this.results.target(what + ", writer throughput kept", throughput, ">= 50%", kept >= 0.5);
                    this.results.target(
                            what + ", writer errors", Long.toString(busy.errors()), "0", busy.errors() == 0);
                } else {
                    this.results.value(what + ", writer throughput kept", throughput);
                    this.results.value(what + ", writer errors", Long.toString(busy.errors()));
                }
                this.results.value(what + ", WAL growth", Results.megabytes(busy.walGrowthBytes()));
            }
            if (writer.firstError() != null) {
                System.out.println("  first writer error: " + writer.firstError());
            }
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

    private void checkpoint() throws Exception {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    static String name(SnapshotMethod method) {
        return method.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
