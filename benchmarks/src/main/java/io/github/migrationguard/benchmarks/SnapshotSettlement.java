package io.github.migrationguard.benchmarks;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;

/**
 * Waits for the pre-migrate snapshot of a guarded run to be settled, so that runs do not overlap.
 */
final class SnapshotSettlement {

    private SnapshotSettlement() {}

    static void await(MigrationReports reports, MigrationReport report) {
        // The synchronous engine settles the snapshot before migrate() returns
    }

    static void requireSuccess(MigrationReports reports) {
        SnapshotAttempt attempt = reports.last().orElseThrow().snapshot();
        if (attempt.outcome() != SnapshotAttempt.Outcome.SUCCESS) {
            throw new IllegalStateException("Pre-migrate snapshot did not succeed: " + attempt);
        }
    }
}
