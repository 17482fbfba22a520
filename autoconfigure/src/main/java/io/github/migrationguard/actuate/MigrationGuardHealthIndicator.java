package io.github.migrationguard.actuate;

import io.github.migrationguard.restore.CrashLoop;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.strategy.GuardState;
import io.github.migrationguard.strategy.GuardStep;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of migration-guard ({@code migrationGuard}): DOWN when the last migration failed, when the backup directory
 * is not writable while snapshots are on, or when it has less free space than required. Shows {@code ahead} when an
 * older build runs on a database a newer build migrated. Reads the guard's state and the backup directory's listing as
 * {@link StoredSnapshots} keeps it; only free space and writability are measured on each check.
 */
public class MigrationGuardHealthIndicator extends AbstractHealthIndicator {

    private final MigrationReports reports;

    private final LiveSnapshots snapshots;

    private final boolean snapshotsOn;

    private final long minFreeBytes;

    private final StoredSnapshots stored;

    /**
     * Creates a new indicator.
     * @param reports the run reports and activity
     * @param snapshots the live database's snapshots
     * @param snapshotsOn whether snapshots are on
     * @param minFreeBytes free space below which the backup directory makes health DOWN
     */
    public MigrationGuardHealthIndicator(
            MigrationReports reports, LiveSnapshots snapshots, boolean snapshotsOn, long minFreeBytes) {
        super("migration-guard health check failed");
        this.reports = reports;
        this.snapshots = snapshots;
        this.snapshotsOn = snapshotsOn;
        this.minFreeBytes = minFreeBytes;
        this.stored = new StoredSnapshots(snapshots);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> downReasons = new ArrayList<>();
        DatabaseFile database = this.snapshots.database();
        builder.withDetail("database", database.exists() ? database.path().toString() : database.skipReason());
        GuardState state = this.reports.state();
        Optional<String> notGuarded = state.notGuardedReason();
        builder.withDetail("guarding", notGuarded.isEmpty());
        notGuarded.ifPresent((reason) -> builder.withDetail("notGuardedReason", reason));
        if (state.lastRun() != null) {
            lastRun(builder, state.lastRun(), downReasons);
        }
        if (state.lastAttempt() != null) {
            builder.withDetail("lastSnapshot", SnapshotAttemptDescriptor.of(state.lastAttempt()));
        }
        if (database.exists()) {
            backupDirectory(builder, this.snapshots.settings().directoryFor(database.path()), downReasons);
        }
        builder.withDetail(
                "healedVersions",
                state.heals().keySet().stream()
                        .map(GuardState.HealKey::version)
                        .distinct()
                        .toList());
        if (downReasons.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("downReasons", downReasons);
        }
    }

    private void lastRun(Health.Builder builder, MigrationReport report, List<String> downReasons) {
        if (report.toVersion() != null) {
            builder.withDetail("schemaVersion", report.toVersion());
        }
        builder.withDetail("pending", Math.max(0, report.pending() - report.applied()));
        builder.withDetail("lastRun", RunDescriptor.of(report));
        if (report.ahead() != null) {
            // Not DOWN: the older build runs as Flyway lets it, and a rollback that never turns ready helps no one
            builder.withDetail("ahead", report.ahead());
        }
        if (report.crashLoop() != null) {
            builder.withDetail("crashLoop", crashLoop(report.crashLoop()));
        }
        if (report.outcome() == MigrationReport.Outcome.FAILED
                || report.outcome() == MigrationReport.Outcome.RESTORED) {
            downReasons.add(
                    (report.failedStep() != null && report.failedStep() != GuardStep.MIGRATE)
                            ? "the last boot stopped at step "
                                    + report.failedStep().value() + " (" + report.outcome() + ")"
                            : "the last migration failed (" + report.outcome() + ")");
        }
    }

    private static Map<String, Object> crashLoop(CrashLoop loop) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("failedBoots", loop.failedBoots());
        detail.put("snapshot", loop.snapshot().file().toString());
        detail.put("since", loop.since().toString());
        return detail;
    }

    private void backupDirectory(Health.Builder builder, SnapshotDirectory directory, List<String> downReasons) {
        List<SnapshotDirectory.StoredSnapshot> stored = this.stored.list();
        Map<String, Object> snapshots = new LinkedHashMap<>();
        snapshots.put("count", stored.size());
        snapshots.put(
                "totalBytes",
                stored.stream()
                        .mapToLong(SnapshotDirectory.StoredSnapshot::sizeBytes)
                        .sum());
        builder.withDetail("snapshots", snapshots);
        long free = BackupSpace.usableBytes(directory.path());
        boolean writable = BackupSpace.writable(directory.path());
        Map<String, Object> backupDir = new LinkedHashMap<>();
        backupDir.put("path", directory.path().toString());
        backupDir.put("freeBytes", free);
        backupDir.put("writable", writable);
        backupDir.put("minFreeBytes", this.minFreeBytes);
        builder.withDetail("backupDir", backupDir);
        if (this.snapshotsOn && !writable) {
            downReasons.add("backup directory " + directory.path() + " is not writable while snapshots are on");
        }
        if (free >= 0 && free < this.minFreeBytes) {
            downReasons.add("backup directory " + directory.path() + " has " + free + " bytes free, below "
                    + "migration-guard.health.min-free-space (" + this.minFreeBytes + " bytes)");
        }
    }
}
