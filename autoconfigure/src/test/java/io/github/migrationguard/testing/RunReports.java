package io.github.migrationguard.testing;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.strategy.MigrationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reports of runs that did one thing, for publishing what a real run would without running one.
 */
public final class RunReports {

    private RunReports() {}

    /**
     * Returns the report of a run that healed one version and applied nothing.
     * @param version the healed version
     * @param reason why healing it was safe
     * @return the report
     */
    public static MigrationReport healed(String version, Heal.Reason reason) {
        Heal heal = new Heal(version, "V" + version + "__drifted.sql", reason, 1, 2, false);
        return run(null, List.of(heal), List.of());
    }

    /**
     * Returns the report of a run that restored (or tried to).
     * @param restore the restore
     * @return the report
     */
    public static MigrationReport restored(RestoreRecord restore) {
        return run(null, List.of(), List.of(restore));
    }

    /**
     * Returns the report of a run whose pre-migrate snapshot was in the given state when the run ended.
     * @param snapshot the snapshot attempt, for example one still verifying
     * @return the report
     */
    public static MigrationReport withSnapshot(SnapshotAttempt snapshot) {
        return run(snapshot, List.of(), List.of());
    }

    private static MigrationReport run(SnapshotAttempt snapshot, List<Heal> heals, List<RestoreRecord> restores) {
        return new MigrationReport(
                MigrationReport.Outcome.NOTHING_PENDING,
                null,
                "1",
                "1",
                0,
                0,
                snapshot,
                Instant.now(),
                Duration.ofMillis(1),
                heals,
                List.of(),
                restores,
                null,
                null,
                null,
                null);
    }
}
