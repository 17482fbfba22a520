package io.github.migrationguard.actuate;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardActivity;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Binds migration-guard's meters: snapshots, retention, heals, migrations, restores, pending migrations, a database
 * ahead of the application and backup free space. Counters and timers read the {@link GuardActivity}; gauges read the backup directory when scraped.
 */
public class MigrationGuardMetrics implements MeterBinder {

    private final MigrationReports reports;

    private final LiveSnapshots snapshots;

    public MigrationGuardMetrics(MigrationReports reports, LiveSnapshots snapshots) {
        this.reports = reports;
        this.snapshots = snapshots;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        GuardActivity activity = this.reports.activity();
        bindSnapshots(registry, activity);
        bindRetention(registry, activity);
        bindHeals(registry, activity);
        bindMigrations(registry, activity);
        bindRestores(registry, activity);
        Gauge.builder("migration.guard.backup.free", this, MigrationGuardMetrics::backupFreeBytes)
                .description("Usable space of the file system the backup directory is on")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    private void bindSnapshots(MeterRegistry registry, GuardActivity activity) {
        for (SnapshotLabel label : SnapshotLabel.values()) {
            for (SnapshotAttempt.Outcome outcome : SnapshotAttempt.Outcome.values()) {
                if (outcome == SnapshotAttempt.Outcome.VERIFYING) {
                    // Counted once verification settles it as success or failure
                    continue;
                }
                FunctionTimer.builder(
                                "migration.guard.snapshot",
                                activity.snapshots(label, outcome),
                                GuardActivity.Tally::count,
                                GuardActivity.Tally::totalNanos,
                                TimeUnit.NANOSECONDS)
                        .description("Snapshot attempts and the time they took")
                        .tags("label", label.value(), "outcome", MeterTags.outcome(outcome))
                        .register(registry);
            }
        }
        Gauge.builder("migration.guard.snapshot.size", this, MigrationGuardMetrics::lastSnapshotBytes)
                .description("Size of the latest snapshot")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }

    private void bindRetention(MeterRegistry registry, GuardActivity activity) {
        Gauge.builder("migration.guard.snapshots.retained", this, MigrationGuardMetrics::retainedCount)
                .description("Snapshots kept in the backup directory")
                .register(registry);
        FunctionCounter.builder("migration.guard.snapshots.pruned", activity, GuardActivity::pruned)
                .description("Snapshots deleted by retention")
                .register(registry);
    }

    private void bindHeals(MeterRegistry registry, GuardActivity activity) {
        activity.heals().keySet().forEach((key) -> registerHeal(registry, activity, key));
        activity.onFirstHeal((key) -> registerHeal(registry, activity, key));
    }

    private static void registerHeal(MeterRegistry registry, GuardActivity activity, GuardActivity.HealKey key) {
        FunctionCounter.builder("migration.guard.heal", activity, (tally) -> tally.heals(key))
                .description("Checksum drifts healed")
                .tags("version", key.version(), "reason", key.reason())
                .register(registry);
    }

    private void bindMigrations(MeterRegistry registry, GuardActivity activity) {
        for (MigrationReport.Outcome outcome : MigrationReport.Outcome.values()) {
            FunctionTimer.builder(
                            "migration.guard.migrate",
                            activity.migrations(outcome),
                            GuardActivity.Tally::count,
                            GuardActivity.Tally::totalNanos,
                            TimeUnit.NANOSECONDS)
                    .description("Guarded migration runs and the time they took")
                    .tags("outcome", MeterTags.outcome(outcome))
                    .register(registry);
        }
        Gauge.builder("migration.guard.migrations.pending", this, MigrationGuardMetrics::pendingCount)
                .description("Migrations still pending after the last run")
                .register(registry);
        Gauge.builder("migration.guard.schema.ahead", this, MigrationGuardMetrics::schemaAhead)
                .description("1 when the database is ahead of the application (an older build runs on it), else 0")
                .register(registry);
    }

    private void bindRestores(MeterRegistry registry, GuardActivity activity) {
        for (String trigger : GuardActivity.RESTORE_TRIGGERS) {
            for (String outcome : GuardActivity.RESTORE_OUTCOMES) {
                FunctionCounter.builder(
                                "migration.guard.restore", activity, (tally) -> tally.restores(trigger, outcome))
                        .description("Snapshots restored into the live database, and restore requests")
                        .tags("trigger", trigger, "outcome", outcome)
                        .register(registry);
            }
        }
    }

    private double lastSnapshotBytes() {
        return this.reports
                .activity()
                .lastSnapshot()
                .map((snapshot) -> (double) snapshot.sizeBytes())
                .orElseGet(() -> stored().map(MigrationGuardMetrics::newestSize).orElse(Double.NaN));
    }

    private double retainedCount() {
        return stored().map((stored) -> (double) stored.size()).orElse(0.0);
    }

    private double pendingCount() {
        return this.reports
                .last()
                .map((report) -> (double) Math.max(0, report.pending() - report.applied()))
                .orElse(Double.NaN);
    }

    private double schemaAhead() {
        return this.reports
                .last()
                .map((report) -> (report.ahead() != null) ? 1.0 : 0.0)
                .orElse(0.0);
    }

    private double backupFreeBytes() {
        return this.snapshots
                .directory()
                .map((directory) -> (double) BackupSpace.usableBytes(directory.path()))
                .orElse(Double.NaN);
    }

    private Optional<List<SnapshotDirectory.StoredSnapshot>> stored() {
        return this.snapshots.directory().map(SnapshotDirectory::list);
    }

    private static double newestSize(List<SnapshotDirectory.StoredSnapshot> stored) {
        return stored.isEmpty() ? Double.NaN : stored.get(stored.size() - 1).sizeBytes();
    }
}
