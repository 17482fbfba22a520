package io.github.migrationguard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One application writer committing small transactions (one row each) as fast as it can on its own connection, counting
 * commits and errors and sampling the size of the WAL after every commit.
 */
final class WriterLoad implements AutoCloseable {

    private static final String NOTE = "bench writer";

    private final BenchDatabase database;

    private final AtomicBoolean running = new AtomicBoolean(true);

    private final AtomicLong commits = new AtomicLong();

    private final AtomicLong errors = new AtomicLong();

    private final AtomicLong maxWalBytes = new AtomicLong();

    private final Thread thread;

    private volatile String firstError;

    WriterLoad(BenchDatabase database) {
        this.database = database;
        this.thread = new Thread(this::write, "bench-writer");
        this.thread.start();
    }

    /**
     * Counts commits over a window while something else runs, or while idling for the given time.
     * @param action what runs meanwhile, or {@code null} to idle
     * @param idleSeconds how long to idle when there is no action
     * @return what happened in the window
     * @throws Exception what the action threw
     */
    Window measure(Timing.Action action, double idleSeconds) throws Exception {
        long walBefore = walBytes();
        this.maxWalBytes.set(walBefore);
        long commitsBefore = this.commits.get();
        long errorsBefore = this.errors.get();
        double seconds = Timing.seconds(() -> {
            if (action != null) {
                action.run();
            } else {
                LockSupport.parkNanos((long) (idleSeconds * 1e9));
            }
        });
        return new Window(
                seconds,
                (this.commits.get() - commitsBefore) / seconds,
                this.errors.get() - errorsBefore,
                Math.max(0, this.maxWalBytes.get() - walBefore));
    }

    String firstError() {
        return this.firstError;
    }

    private void write() {
        try (Connection connection = this.database.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO orders(customer_id, status, created_at, total_cents, note) "
                                + "VALUES (?, 'NEW', strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?, '" + NOTE + "')")) {
            long i = 0;
            while (this.running.get()) {
                i++;
                try {
                    insert.setLong(1, i % 100_000);
                    insert.setLong(2, i);
                    insert.executeUpdate();
                    this.commits.incrementAndGet();
                } catch (SQLException ex) {
                    this.errors.incrementAndGet();
                    if (this.firstError == null) {
                        this.firstError = ex.getMessage();
                    }
                }
                this.maxWalBytes.accumulateAndGet(walBytes(), Math::max);
            }
        } catch (SQLException ex) {
            this.errors.incrementAndGet();
            this.firstError = ex.getMessage();
        }
    }

    private long walBytes() {
        try {
            Path wal = this.database.walFile();
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (java.io.IOException ex) {
            return 0;
        }
    }

    /**
     * Stops the writer and deletes the rows it wrote, so that repeated runs measure a database of the same content
     * (the file keeps the pages, which the next writer reuses).
     */
    @Override
    public void close() throws InterruptedException, SQLException {
        this.running.set(false);
        this.thread.join();
        try (Connection connection = this.database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM orders WHERE note = '" + NOTE + "'");
        }
    }

    /**
     * What the writer did in one window.
     *
     * @param seconds the window's length
     * @param commitsPerSecond the writer's throughput
     * @param errors failed commits
     * @param walGrowthBytes how much larger the WAL got at its largest than at the start
     */
    record Window(double seconds, double commitsPerSecond, long errors, long walGrowthBytes) {}
}
