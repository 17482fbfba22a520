package io.github.migrationguard.faults;

import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application thread that commits one row per transaction into table {@code blob} back to back, never pausing,
 * through a connection of its own with a 10 s busy timeout (like a pooled connection), and keeps every error.
 */
final class BackToBackWriter implements AutoCloseable {

    private final Path db;

    private final AtomicBoolean running = new AtomicBoolean(true);

    private final AtomicLong commits = new AtomicLong();

    private final CountDownLatch started = new CountDownLatch(100);

    private final List<Exception> errors = new CopyOnWriteArrayList<>();

    private final Thread thread;

    private BackToBackWriter(Path db) {
        this.db = db;
        this.thread = new Thread(this::write, "back-to-back-writer");
    }

    /**
     * Starts writing and returns after the first 100 commits.
     * @param db the database file, with table {@code blob}
     * @return the running writer
     */
    static BackToBackWriter start(Path db) throws InterruptedException {
        BackToBackWriter writer = new BackToBackWriter(db);
        writer.thread.start();
        while (!writer.started.await(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (!writer.errors.isEmpty()) {
                throw new IllegalStateException("The writer failed to start", writer.errors.get(0));
            }
        }
        return writer;
    }

    long commits() {
        return this.commits.get();
    }

    List<Exception> errors() {
        return this.errors;
    }

    private void write() {
        try (Connection connection = TestDatabases.wal(this.db).getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO blob(body) VALUES (randomblob(200))")) {
            while (this.running.get()) {
                insert.executeUpdate();
                this.commits.incrementAndGet();
                this.started.countDown();
            }
        } catch (Exception ex) {
            this.errors.add(ex);
        }
    }

    /** Stops writing and waits for the last commit. */
    @Override
    public void close() throws InterruptedException {
        this.running.set(false);
        this.thread.join();
    }
}
