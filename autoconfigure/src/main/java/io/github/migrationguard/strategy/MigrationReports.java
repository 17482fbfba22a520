package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the report of the latest guarded migration run, for health, metrics and the endpoint to read.
 */
public class MigrationReports {

    private final AtomicReference<MigrationReport> last = new AtomicReference<>();

    private final GuardActivity activity = new GuardActivity();

    private final AtomicReference<String> notGuarded = new AtomicReference<>();

    /**
     * Records the report of a run that just ended.
     * @param report the report
     */
    public void record(MigrationReport report) {
        this.last.set(report);
        this.activity.recordRun(report);
    }

    /**
     * Returns everything recorded since the application started, reports included.
     * @return the activity
     */
    public GuardActivity activity() {
        return this.activity;
    }

    /**
     * Records the final outcome of a snapshot that was still being verified when its run was recorded: counts it,
     * and updates the report unless a newer run has been recorded since.
     * @param recorded the report recorded earlier
     * @param settled the snapshot's final attempt
     */
    public void snapshotSettled(MigrationReport recorded, SnapshotAttempt settled) {
        if (recorded.snapshot() == null || recorded.snapshot().outcome() != SnapshotAttempt.Outcome.VERIFYING) {
            return;
        }
        this.activity.recordSnapshot(settled);
        this.last.compareAndSet(recorded, recorded.withSnapshot(settled));
    }

    /**
     * Records that startup ended without a guarded run: the application migrates where the guard cannot reach.
     * @param reason why, for health
     */
    public void notGuarded(String reason) {
        this.notGuarded.set(reason);
    }

    /**
     * Returns why migrations are not guarded, until a guarded run is recorded.
     * @return the reason, or empty while migrations are guarded
     */
    public Optional<String> notGuardedReason() {
        return (this.last.get() != null) ? Optional.empty() : Optional.ofNullable(this.notGuarded.get());
    }

    /**
     * Returns the report of the latest run.
     * @return the report, or empty before the first run
     */
    public Optional<MigrationReport> last() {
        return Optional.ofNullable(this.last.get());
    }
}
