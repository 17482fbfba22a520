package io.github.migrationguard.benchmarks;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.strategy.MigrationReports;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the pre-migrate snapshot of a guarded run to be settled, so that runs do not overlap.
 */
final class SnapshotSettlement {

    private SnapshotSettlement() {}

    /**
     * Waits until the latest report no longer shows the snapshot as being verified.
     * @param reports where the guarded run records its report
     */
    static void await(MigrationReports reports) {
        // Polling is fine here: the benchmark only needs runs not to overlap, not a precise end time
        while (reports.last().orElseThrow().snapshot().outcome() == SnapshotAttempt.Outcome.VERIFYING) {
            LockSupport.parkNanos(5_000_000L);
        }
    }

    static void requireSuccess(MigrationReports reports) {
        SnapshotAttempt attempt = reports.last().orElseThrow().snapshot();
        if (attempt.outcome() != SnapshotAttempt.Outcome.SUCCESS) {
            throw new IllegalStateException("Pre-migrate snapshot did not succeed: " + attempt);
        }
    }
}
