package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.PendingSnapshot;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The pre-migrate snapshot of one run: either settled before migrating (verified, failed or skipped) or copied and
 * still being verified alongside the migration.
 */
final class RunSnapshot {

    private final SnapshotAttempt settled;

    private final PendingSnapshot pending;

    private RunSnapshot(SnapshotAttempt settled, PendingSnapshot pending) {
        this.settled = settled;
        this.pending = pending;
    }

    static RunSnapshot settled(SnapshotAttempt attempt) {
        return new RunSnapshot(attempt, null);
    }

    static RunSnapshot verifying(PendingSnapshot pending) {
        return new RunSnapshot(null, pending);
    }

    /**
     * Whether this run copied the database: its snapshot is verified or being verified, so a restore may wait for it.
     * @return whether there is a snapshot of this run to wait for
     */
    boolean copied() {
        return this.pending != null || this.settled.outcome() == SnapshotAttempt.Outcome.SUCCESS;
    }

    /**
     * Returns what has come of the snapshot so far.
     * @return the attempt; {@link SnapshotAttempt.Outcome#VERIFYING} while verification runs
     */
    SnapshotAttempt attempt() {
        return (this.pending != null) ? this.pending.attempt() : this.settled;
    }

    /**
     * Waits for verification and returns the verified snapshot under its final name: the only snapshot a restore may
     * use.
     * @return the verified snapshot
     * @throws SnapshotException when this run has no verified snapshot (skipped, copy failed, verification failed)
     */
    Snapshot awaitVerified() {
        if (this.pending != null) {
            return this.pending.awaitVerified();
        }
        if (this.settled.snapshot() == null) {
            throw new SnapshotException("No verified snapshot was taken in this run: " + this.settled.message());
        }
        return this.settled.snapshot();
    }

    /**
     * Lets verification end within the given time, else cancels it (the copy is deleted, never given a final name).
     * @param wait how long verification may still run
     * @return the final attempt
     */
    SnapshotAttempt settleOrCancel(Duration wait) {
        return (this.pending != null) ? this.pending.settleOrCancel(wait) : this.settled;
    }

    /**
     * Runs an action with the final attempt once verification has ended; at once when already settled.
     * @param action what to run
     */
    void whenSettled(Consumer<SnapshotAttempt> action) {
        if (this.pending != null) {
            this.pending.whenSettled(action);
        } else {
            action.accept(this.settled);
        }
    }
}
