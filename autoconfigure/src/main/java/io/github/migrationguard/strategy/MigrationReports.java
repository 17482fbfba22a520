package io.github.migrationguard.strategy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the report of the latest guarded migration run, for health, metrics and the endpoint to read.
 */
public class MigrationReports {

    private final AtomicReference<MigrationReport> last = new AtomicReference<>();

    private final GuardActivity activity = new GuardActivity();

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
     * Returns the report of the latest run.
     * @return the report, or empty before the first run
     */
    public Optional<MigrationReport> last() {
        return Optional.ofNullable(this.last.get());
    }
}
