package io.github.migrationguard.snapshot;

/**
 * Internal: where the steps that take and prune snapshots report what they did, as they do it: the guard's state, which
 * health, metrics and the endpoint read. Implementations are thread-safe: a snapshot verified in the background reports
 * from its own thread.
 */
public interface SnapshotActivity {

    /**
     * Records an attempt to take a snapshot, whatever came of it.
     * @param attempt the attempt
     */
    void recordSnapshot(SnapshotAttempt attempt);

    /**
     * Records snapshots deleted by retention.
     * @param count how many were deleted
     */
    void recordPruned(int count);
}
