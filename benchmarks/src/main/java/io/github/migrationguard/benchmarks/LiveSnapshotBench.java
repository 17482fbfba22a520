package io.github.migrationguard.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.migrationguard.snapshot.OnlineBackup;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWriter;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An application with a Hikari pool of one connection (as recommended for SQLite) that writes and answers requests
 * through it while {@code scheduled} snapshots are taken: the writer's throughput during a snapshot against an idle
 * window of the same length right after it, and the longest request wait in both.
 */
final class LiveSnapshotBench {

    private static final int REQUEST_WINDOWS = 5;

    private static final long REQUEST_PAUSE_NANOS = 5_000_000L;

    private final BenchDatabase database;

    private final Results results;

    private final String where;

    private final int windows;

    LiveSnapshotBench(BenchDatabase database, Results results, String where, int windows) {
        this.database = database;
        this.results = results;
        this.where = where;
        this.windows = windows;
    }

    /**
     * Measures one method.
     * @param method the snapshot method
     * @param targetRatio the writer throughput the method must keep, or 0 for none
     * @throws Exception on failure
     */
    void measure(SnapshotMethod method, double targetRatio) throws Exception {
        this.database.checkpoint();
        try (HikariDataSource pool = poolOfOne();
                App app = new App(pool, true)) {
            MigrationReports activity = new MigrationReports();
            LiveSnapshots snapshots = new LiveSnapshots(
                    pool,
                    new SnapshotSettings(
                            this.database.file().resolveSibling("live-backups"), method, Verification.QUICK, 0, null),
                    activity,
                    Clock.systemUTC());
            snapshots.database();
            List<Double> ratios = new ArrayList<>();
            long worstDuring = 0;
            long worstIdle = 0;
            String used = "";
            long longestCopy = 0;
            double seconds = 0;
            for (int i = 0; i < this.windows; i++) {
                App.Window during = app.window(() -> take(snapshots, SnapshotLabel.SCHEDULED));
                used = used(activity);
                longestCopy = Math.max(
                        longestCopy,
                        Optional.ofNullable(activity.state().lastSnapshot())
                                .map((snapshot) -> snapshot.copyDuration().toMillis())
                                .orElse(0L));
                App.Window idle = app.idleAsLong(during);
                ratios.add(during.commitsPerSecond() / idle.commitsPerSecond());
                worstDuring = Math.max(worstDuring, during.maxRequestMillis());
                worstIdle = Math.max(worstIdle, idle.maxRequestMillis());
                seconds += during.seconds() / this.windows;
            }
            double ratio = Timing.median(ratios);
            String what = "writer throughput during a scheduled " + name(method) + " snapshot (" + used + ", "
                    + Results.seconds(seconds) + "), median of " + this.windows + ": " + list(ratios) + " "
                    + this.where;
            if (targetRatio > 0) {
                this.results.target(
                        what, Results.ratio(ratio), ">= " + Results.ratio(targetRatio), ratio >= targetRatio);
            } else {
                this.results.value(what, Results.ratio(ratio));
            }
            // Under the write lock for part of it at most: what a writer can wait for a clone
            this.results.value(
                    "longest copy step of the " + name(method) + " snapshots (" + used + ") " + this.where,
                    longestCopy + " ms");
            this.results.target(
                    "longest request wait (pool of one), " + name(method) + " " + this.where,
                    worstDuring + " ms (idle " + worstIdle + " ms)",
                    "<= 100 ms",
                    worstDuring <= 100);
        }
    }

    /**
     * Measures what a live snapshot costs the application's requests, as the issue that asked for own connections saw
     * it: a pool of one that only answers requests (one every 5 ms, no writer, whose own {@code fsync} calls would
     * make requests wait for the pool's connection however the snapshot is taken), the longest wait of a request
     * during manual and scheduled snapshots of each method against an idle window of the same length right after,
     * and during a copy through the application's pooled connection (the reference: how snapshots were taken before
     * they had connections of their own).
     * @param methods the snapshot methods
     * @throws Exception on failure
     */
    void measureRequests(SnapshotMethod... methods) throws Exception {
        this.database.checkpoint();
        try (HikariDataSource pool = poolOfOne();
                App app = new App(pool, false)) {
            // The reference: a one-step copy through the application's only pooled connection, as before
            OnlineBackup backup = new OnlineBackup();
            Path copy = this.database.file().resolveSibling("pooled-copy.db");
            long worstPooled = 0;
            for (int i = 0; i < REQUEST_WINDOWS; i++) {
                worstPooled = Math.max(
                        worstPooled,
                        app.window(() -> {
                                    Files.deleteIfExists(copy);
                                    try (Connection connection = pool.getConnection()) {
                                        backup.copy(connection, copy);
                                    }
                                })
                                .maxRequestMillis());
            }
            Files.deleteIfExists(copy);
            this.results.value(
                    "longest request wait (pool of one, requests only), a backup-api copy through the application's "
                            + "pooled connection (reference) " + this.where,
                    worstPooled + " ms");
            MigrationReports activity = new MigrationReports();
            for (SnapshotMethod method : methods) {
                LiveSnapshots snapshots = new LiveSnapshots(
                        pool,
                        new SnapshotSettings(
                                this.database.file().resolveSibling("live-backups"),
                                method,
                                Verification.QUICK,
                                0,
                                null),
                        activity,
                        Clock.systemUTC());
                for (SnapshotLabel label : List.of(SnapshotLabel.MANUAL, SnapshotLabel.SCHEDULED)) {
                    long worstDuring = 0;
                    long worstIdle = 0;
                    long requests = 0;
                    for (int i = 0; i < REQUEST_WINDOWS; i++) {
                        App.Window during = app.window(() -> take(snapshots, label));
                        App.Window idle = app.idleAsLong(during);
                        worstDuring = Math.max(worstDuring, during.maxRequestMillis());
                        worstIdle = Math.max(worstIdle, idle.maxRequestMillis());
                        requests += during.requests();
                    }
                    String used = used(activity);
                    this.results.target(
                            "longest request wait (pool of one, requests only, " + requests + " requests), "
                                    + label.name().toLowerCase().replace('_', '-') + " " + name(method) + " ("
                                    + used + ") " + this.where,
                            worstDuring + " ms (idle " + worstIdle + " ms)",
                            "<= 100 ms",
                            worstDuring <= 100);
                }
            }
        }
    }

    /**
     * Measures what the lower CPU priority of live snapshots is worth to the writer: the same snapshot taken on the
     * benchmark's thread at normal priority ({@link SnapshotWriter#whileRunning}, the reference) and through
     * {@link LiveSnapshots#take} (a thread of its own at nice 10), alternated in the same run, each against an idle
     * window of the same length right after it.
     * @param method the snapshot method
     * @param repeats pairs of snapshots
     * @throws Exception on failure
     */
    void comparePriority(SnapshotMethod method, int repeats) throws Exception {
        this.database.checkpoint();
        SnapshotSettings settings = new SnapshotSettings(
                this.database.file().resolveSibling("live-backups"), method, Verification.QUICK, 0, null);
        try (HikariDataSource pool = poolOfOne();
                App app = new App(pool, true)) {
            LiveSnapshots snapshots = new LiveSnapshots(pool, settings, new MigrationReports(), Clock.systemUTC());
            SnapshotWriter normal = SnapshotWriter.whileRunning(snapshots.database(), settings, Clock.systemUTC());
            List<Double> normalRatios = new ArrayList<>();
            List<Double> lowRatios = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                normalRatios.add(ratio(
                        app,
                        new ArrayList<>(),
                        () -> Files.delete(
                                normal.write(SnapshotLabel.SCHEDULED, null).file())));
                lowRatios.add(ratio(app, new ArrayList<>(), () -> take(snapshots, SnapshotLabel.SCHEDULED)));
            }
            String what = "writer throughput during a scheduled " + name(method) + " snapshot " + this.where;
            this.results.value(
                    what + ", snapshot at normal CPU priority (reference), all of " + repeats + ": "
                            + list(normalRatios),
                    Results.ratio(Timing.median(normalRatios)));
            this.results.value(
                    what + ", snapshot at nice 10 (LiveSnapshots), all of " + repeats + ": " + list(lowRatios),
                    Results.ratio(Timing.median(lowRatios)));
        }
    }

    /**
     * Measures what pacing the online backup is worth to the writer, and what it costs the copy: the one-step copy
     * ({@link OnlineBackup#copy}, the reference) and the paced copy ({@link OnlineBackup#copyPaced}, what live
     * snapshots use), both on the benchmark's thread at normal priority through a connection of their own, without
     * verification, alternated in the same run, each against an idle window of the same length right after it.
     * @param repeats pairs of copies
     * @throws Exception on failure
     */
    void comparePacing(int repeats) throws Exception {
        this.database.checkpoint();
        OnlineBackup backup = new OnlineBackup();
        Path copy = this.database.file().resolveSibling("paced-copy.db");
        try (HikariDataSource pool = poolOfOne();
                App app = new App(pool, true)) {
            List<Double> oneStepRatios = new ArrayList<>();
            List<Double> pacedRatios = new ArrayList<>();
            List<Double> oneStepSeconds = new ArrayList<>();
            List<Double> pacedSeconds = new ArrayList<>();
            List<Double> readerRatios = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                oneStepRatios.add(ratio(app, oneStepSeconds, () -> copyOnce(copy, backup::copy)));
                pacedRatios.add(ratio(app, pacedSeconds, () -> copyOnce(copy, backup::copyPaced)));
                double pacedTook = pacedSeconds.get(pacedSeconds.size() - 1);
                readerRatios.add(ratio(app, new ArrayList<>(), () -> holdReadTransaction(pacedTook)));
            }
            String what = "writer throughput during a backup-api copy (no verification) " + this.where;
            this.results.value(
                    what + ", one step (reference), all of " + repeats + ": " + list(oneStepRatios),
                    Results.ratio(Timing.median(oneStepRatios)));
            this.results.value(
                    what + ", paced (live snapshots), all of " + repeats + ": " + list(pacedRatios),
                    Results.ratio(Timing.median(pacedRatios)));
            this.results.value(
                    what.replace(
                                    "a backup-api copy (no verification)",
                                    "a read transaction held as long, nothing copied")
                            + ", the floor of the paced copy, all of " + repeats + ": " + list(readerRatios),
                    Results.ratio(Timing.median(readerRatios)));
            this.results.value(
                    "backup-api copy time " + this.where + ", paced over one step (medians "
                            + Results.seconds(Timing.median(pacedSeconds)) + " / "
                            + Results.seconds(Timing.median(oneStepSeconds)) + ")",
                    Results.ratio(Timing.median(pacedSeconds) / Timing.median(oneStepSeconds)));
        }
    }

    private void copyOnce(Path copy, Copy method) throws Exception {
        Files.deleteIfExists(copy);
        try (Connection connection = this.database.dataSource().getConnection()) {
            method.copy(connection, copy);
        }
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.delete(copy);
    }

    /**
     * What the paced copy does besides copying: a read transaction held open, so that the WAL cannot be reset.
     */
    private void holdReadTransaction(double seconds) throws SQLException {
        try (Connection connection = this.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            statement.executeQuery("SELECT count(*) FROM sqlite_schema").close();
            LockSupport.parkNanos((long) (seconds * 1e9));
            statement.execute("ROLLBACK");
        }
    }

    @FunctionalInterface
    private interface Copy {

        void copy(Connection connection, Path target) throws Exception;
    }

    private static double ratio(App app, List<Double> seconds, Timing.Action snapshot) throws Exception {
        App.Window during = app.window(snapshot);
        seconds.add(during.seconds());
        App.Window idle = app.idleAsLong(during);
        return during.commitsPerSecond() / idle.commitsPerSecond();
    }

    private static void take(LiveSnapshots snapshots, SnapshotLabel label) {
        SnapshotAttempt attempt = snapshots.take(label, null, 1);
        if (attempt.snapshot() == null) {
            throw new IllegalStateException("Snapshot failed: " + attempt.message());
        }
    }

    /**
     * Which method the last snapshot used, and whether it was cloned.
     */
    private static String used(MigrationReports activity) {
        return Optional.ofNullable(activity.state().lastSnapshot())
                .map((snapshot) -> name(snapshot.method()) + (snapshot.cloned() ? ", cloned" : ""))
                .orElse("none");
    }

    private static String list(List<Double> ratios) {
        return ratios.stream().map(Results::ratio).collect(java.util.stream.Collectors.joining(" "));
    }

    private static String name(SnapshotMethod method) {
        return method.name().toLowerCase().replace('_', '-');
    }

    private HikariDataSource poolOfOne() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + this.database.file() + "?busy_timeout=10000");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(30_000);
        config.setPoolName("bench-app");
        return new HikariDataSource(config);
    }

    /**
     * The application: one thread answering a request every 5 ms through the pool of one and, when it writes, one
     * thread writing one row per transaction through the same pool.
     */
    private static final class App implements AutoCloseable {

        private final HikariDataSource pool;

        private final AtomicBoolean running = new AtomicBoolean(true);

        private final AtomicLong commits = new AtomicLong();

        private final AtomicLong maxRequestNanos = new AtomicLong();

        private final AtomicLong requests = new AtomicLong();

        private final List<Thread> threads = new ArrayList<>();

        App(HikariDataSource pool, boolean writing) {
            this.pool = pool;
            if (writing) {
                this.threads.add(new Thread(this::write, "bench-app-writer"));
            }
            this.threads.add(new Thread(this::answer, "bench-app-requests"));
            this.threads.forEach(Thread::start);
        }

        /**
         * An idle window as long as another, right after it.
         */
        Window idleAsLong(Window other) throws Exception {
            return window(() -> LockSupport.parkNanos((long) (other.seconds() * 1e9)));
        }

        Window window(Timing.Action action) throws Exception {
            long before = this.commits.get();
            long requestsBefore = this.requests.get();
            this.maxRequestNanos.set(0);
            double seconds = Timing.seconds(action);
            return new Window(
                    seconds,
                    (this.commits.get() - before) / seconds,
                    this.maxRequestNanos.get() / 1_000_000,
                    this.requests.get() - requestsBefore);
        }

        private void write() {
            long i = 0;
            while (this.running.get()) {
                try (Connection connection = this.pool.getConnection();
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO orders(customer_id, status, created_at, total_cents, note) "
                                        + "VALUES (?, 'NEW', '2026-01-01T00:00:00', ?, 'live bench')")) {
                    insert.setLong(1, ++i % 100_000);
                    insert.setLong(2, i);
                    insert.executeUpdate();
                    this.commits.incrementAndGet();
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        }

        private void answer() {
            long i = 0;
            while (this.running.get()) {
                long start = System.nanoTime();
                try (Connection connection = this.pool.getConnection();
                        PreparedStatement query =
                                connection.prepareStatement("SELECT count(*) FROM orders WHERE customer_id = ?")) {
                    query.setLong(1, ++i % 100_000);
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                    }
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
                this.maxRequestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                this.requests.incrementAndGet();
                LockSupport.parkNanos(REQUEST_PAUSE_NANOS);
            }
        }

        @Override
        public void close() throws Exception {
            this.running.set(false);
            for (Thread thread : this.threads) {
                thread.join();
            }
            try (Connection connection = this.pool.getConnection()) {
                connection.createStatement().execute("DELETE FROM orders WHERE note = 'live bench'");
            }
        }

        record Window(double seconds, double commitsPerSecond, long maxRequestMillis, long requests) {}
    }
}
