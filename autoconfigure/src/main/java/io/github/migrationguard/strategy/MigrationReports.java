package io.github.migrationguard.strategy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the report of the latest guarded migration run, for health, metrics and the endpoint to read.
 */
public class MigrationReports {

    private final AtomicReference<MigrationReport> last = new AtomicReference<>();

    /**
     * Records the report of a run that just ended.
     * @param report the report
     */
    public void record(MigrationReport report) {
        this.last.set(report);
    }

    /**
     * Replaces a report with an updated one, unless a newer run has been recorded since.
     * @param recorded the report recorded earlier
     * @param updated its update
     */
    public void replace(MigrationReport recorded, MigrationReport updated) {
        this.last.compareAndSet(recorded, updated);
    }

    /**
     * Returns the report of the latest run.
     * @return the report, or empty before the first run
     */
    public Optional<MigrationReport> last() {
        return Optional.ofNullable(this.last.get());
    }
}
