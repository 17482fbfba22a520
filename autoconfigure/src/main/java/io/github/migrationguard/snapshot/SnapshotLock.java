package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One snapshot of a database at a time in this process, whatever its label and whoever takes it: held from the copy
 * until the snapshot is settled (verified under its final name, or failed and deleted), so a pre-migrate snapshot
 * still verifying alongside the migration also keeps manual and scheduled ones out. A semaphore rather than a
 * {@code ReentrantLock}, because the thread that verifies (and releases) is often not the one that copied.
 */
final class SnapshotLock {

    private static final Map<Path, SnapshotLock> locks = new ConcurrentHashMap<>();

    private final Semaphore permit = new Semaphore(1);

    private final AtomicBoolean held = new AtomicBoolean();

    private volatile PendingSnapshot running;

    private SnapshotLock() {}

    static SnapshotLock of(Path database) {
        return locks.computeIfAbsent(database.toAbsolutePath().normalize(), (path) -> new SnapshotLock());
    }

    /**
     * Takes the lock, waiting at most the given time.
     * @param wait how long to wait; zero to give up at once
     * @return whether the lock was taken
     */
    boolean acquire(Duration wait) {
        try {
            if (!this.permit.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            this.held.set(true);
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void running(PendingSnapshot snapshot) {
        this.running = snapshot;
    }

    /**
     * Returns the snapshot that holds the lock once copied, while it is being verified.
     * @return the snapshot, or {@code null}
     */
    PendingSnapshot running() {
        return this.running;
    }

    /**
     * Releases the lock; a second release of the same hold does nothing, so one extra call on a failure path can never
     * let two snapshots run at once.
     */
    void release() {
        if (this.held.compareAndSet(true, false)) {
            this.running = null;
            this.permit.release();
        }
    }
}
