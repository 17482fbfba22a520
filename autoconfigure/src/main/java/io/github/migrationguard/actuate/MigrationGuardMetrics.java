package io.github.migrationguard.actuate;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardState;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Binds migration-guard's meters: snapshots, retention, heals, migrations, restores, pending migrations, a database
 * ahead of the application and backup free space. Counters, timers and most gauges read the guard's
 * {@link GuardState} when scraped; the retained count reads the backup directory's listing as {@link StoredSnapshots}
 * keeps it; only the free space gauge measures the file system on each scrape.
 */
public class MigrationGuardMetrics implements MeterBinder {

    private final MigrationReports reports;

    private final LiveSnapshots snapshots;

    private final StoredSnapshots stored;

    public MigrationGuardMetrics(MigrationReports reports, LiveSnapshots snapshots) {
        this.reports = reports;
        this.snapshots = snapshots;
        this.stored = new StoredSnapshots(snapshots);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bindSnapshots(registry);
        bindRetention(registry);
        bindHeals(registry);
        bindMigrations(registry);
        bindRestores(registry);
        GuardMeters.bytes("migration.guard.backup.free", this, MigrationGuardMetrics::backupFreeBytes)
                .description("Usable space of the file system the backup directory is on")
                .register(registry);
    }

    private void bindSnapshots(MeterRegistry registry) {
        for (SnapshotLabel label : SnapshotLabel.values()) {
            for (SnapshotAttempt.Outcome outcome : SnapshotAttempt.Outcome.values()) {
                if (outcome == SnapshotAttempt.Outcome.VERIFYING) {
                    // Counted once verification settles it as success or failure
                    continue;
                }
                GuardMeters.timer(
                                "migration.guard.snapshot",
                                this.reports,
                                (reports) -> reports.state()
                                        .snapshots(label, outcome)
                                        .count(),
                                (reports) -> reports.state()
                                        .snapshots(label, outcome)
                                        .totalNanos())
                        .description("Snapshot attempts and the time they took")
                        .tags("label", label.value(), "outcome", outcome.value())
                        .register(registry);
            }
        }
        GuardMeters.bytes("migration.guard.snapshot.size", this, MigrationGuardMetrics::lastSnapshotBytes)
                .description("Size of the latest snapshot")
                .register(registry);
    }

    private void bindRetention(MeterRegistry registry) {
        Gauge.builder("migration.guard.snapshots.retained", this.stored, (stored) -> stored.list()
                        .size())
                .description("Snapshots kept in the backup directory")
                .register(registry);
        FunctionCounter.builder("migration.guard.snapshots.pruned", this.reports, (reports) -> reports.state()
                        .pruned())
                .description("Snapshots deleted by retention")
                .register(registry);
    }

    private void bindHeals(MeterRegistry registry) {
        // Registered when a version first heals: the tags are the version and the reason
        this.reports.onFirstHeal((key) -> registerHeal(registry, key));
        this.reports.state().heals().keySet().forEach((key) -> registerHeal(registry, key));
    }

    private void registerHeal(MeterRegistry registry, GuardState.HealKey key) {
        FunctionCounter.builder("migration.guard.heal", this.reports, (reports) -> reports.state()
                        .heals(key))
                .description("Checksum drifts healed")
                .tags("version", key.version(), "reason", key.reason())
                .register(registry);
    }

    private void bindMigrations(MeterRegistry registry) {
        for (MigrationReport.Outcome outcome : MigrationReport.Outcome.values()) {
            GuardMeters.timer(
                            "migration.guard.migrate",
                            this.reports,
                            (reports) -> reports.state().runs(outcome).count(),
                            (reports) -> reports.state().runs(outcome).totalNanos())
                    .description("Guarded migration runs and the time they took")
                    .tags("outcome", outcome.value())
                    .register(registry);
        }
        Gauge.builder("migration.guard.migrations.pending", this.reports, MigrationGuardMetrics::pendingCount)
                .description("Migrations still pending after the last run")
                .register(registry);
        Gauge.builder(
                        "migration.guard.schema.ahead",
                        this.reports,
                        (reports) -> reports.state().ahead().isPresent() ? 1.0 : 0.0)
                .description("1 when the database is ahead of the application (an older build runs on it), else 0")
                .register(registry);
        Gauge.builder("migration.guard.crash.loop", this.reports, (reports) -> reports.state()
                        .crashLoop()
                        .map((loop) -> (double) loop.failedBoots())
                        .orElse(0.0))
                .description("Boots in a row that failed to migrate and restored the same snapshot; 0 when the last "
                        + "boot migrated")
                .register(registry);
    }

    private void bindRestores(MeterRegistry registry) {
        for (String trigger : GuardState.RESTORE_TRIGGERS) {
            for (String outcome : GuardState.RESTORE_OUTCOMES) {
                FunctionCounter.builder("migration.guard.restore", this.reports, (reports) -> reports.state()
                                .restores(trigger, outcome))
                        .description("Snapshots restored into the live database, and restore requests")
                        .tags("trigger", trigger, "outcome", outcome)
                        .register(registry);
            }
        }
    }

    private double lastSnapshotBytes() {
        GuardState state = this.reports.state();
        if (state.lastSnapshot() != null) {
            return state.lastSnapshot().sizeBytes();
        }
        // None taken since startup: the newest one kept from an earlier run
        List<SnapshotDirectory.StoredSnapshot> kept = this.stored.list();
        return kept.isEmpty() ? Double.NaN : kept.get(kept.size() - 1).sizeBytes();
    }

    private static double pendingCount(MigrationReports reports) {
        MigrationReport last = reports.state().lastRun();
        return (last != null) ? Math.max(0, last.pending() - last.applied()) : Double.NaN;
    }

    private double backupFreeBytes() {
        return this.snapshots
                .directory()
                .map((directory) -> (double) BackupSpace.usableBytes(directory.path()))
                .orElse(Double.NaN);
    }
}
