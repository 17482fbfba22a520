package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.lint.LintFinding;
import io.github.migrationguard.restore.CrashLoop;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.SchemaAhead;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.values.EnumValues;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one guarded migration run did; read by health, metrics and the endpoint.
 *
 * @param outcome how the run ended
 * @param database the SQLite database file, or {@code null} when the database is not a SQLite file
 * @param fromVersion the schema version before the run, or {@code null} on an empty database
 * @param toVersion the schema version after the run, or {@code null} on an empty database
 * @param pending how many migrations were pending at the start
 * @param applied how many migrations were applied
 * @param snapshot what came of the pre-migrate snapshot, or {@code null} when the run stopped before that step
 * @param finishedAt when the run ended
 * @param duration how long the run took
 * @param heals the applied migrations whose checksum drift was healed before migrating
 * @param lintFindings what lint found before and after migrating
 * @param restores the restores of the run, in order: a {@code restore.from} request, one of an older build on a
 * newer database, then one after a failure
 * @param ahead the database is ahead of the application (an older build runs on it), or {@code null}
 * @param failedStep the step a failed run stopped at, or {@code null} when the run did not fail
 * @param failure why the run failed, or {@code null} when it did not fail
 * @param crashLoop the boots that failed in a row up to and including this one, each restoring the same snapshot, or
 * {@code null} when the previous boot did not fail and restore and this one did not either
 */
public record MigrationReport(
        Outcome outcome,
        String database,
        String fromVersion,
        String toVersion,
        int pending,
        int applied,
        SnapshotAttempt snapshot,
        Instant finishedAt,
        Duration duration,
        List<Heal> heals,
        List<LintFinding> lintFindings,
        List<RestoreRecord> restores,
        SchemaAhead ahead,
        GuardStep failedStep,
        String failure,
        CrashLoop crashLoop) {

    public MigrationReport {
        heals = List.copyOf(heals);
        lintFindings = (lintFindings != null) ? List.copyOf(lintFindings) : List.of();
        restores = (restores != null) ? List.copyOf(restores) : List.of();
    }

    /**
     * Returns this report with the final outcome of a snapshot that was still being verified when the run ended.
     * @param settled the settled snapshot attempt
     * @return the updated report
     */
    public MigrationReport withSnapshot(SnapshotAttempt settled) {
        return new MigrationReport(
                this.outcome,
                this.database,
                this.fromVersion,
                this.toVersion,
                this.pending,
                this.applied,
                settled,
                this.finishedAt,
                this.duration,
                this.heals,
                this.lintFindings,
                this.restores,
                this.ahead,
                this.failedStep,
                this.failure,
                this.crashLoop);
    }

    /**
     * How a run ended.
     */
    public enum Outcome {

        /**
         * Pending migrations were applied.
         */
        SUCCESS,

        /**
         * There was nothing to apply.
         */
        NOTHING_PENDING,

        /**
         * Startup stopped: a step refused or failed before migrating (nothing was migrated), or a migration failed and
         * the database was not restored.
         */
        FAILED,

        /**
         * A migration failed and the database was restored from the run's snapshot.
         */
        RESTORED;

        /**
         * Returns the outcome as the {@code outcome} tag of {@code migration.guard.migrate} shows it (health and the
         * endpoint show the constant's name, {@code FAILED}).
         * @return the lower-case name, underscores kept as first published, for example {@code nothing_pending}
         */
        public String value() {
            return EnumValues.lowerCase(this);
        }
    }
}
