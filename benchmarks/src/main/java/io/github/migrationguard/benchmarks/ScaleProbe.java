package io.github.migrationguard.benchmarks;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.strategy.GuardedMigration;
import io.github.migrationguard.strategy.MigrationReport;
import io.github.migrationguard.strategy.MigrationReports;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import org.flywaydb.core.Flyway;

/**
 * Child-JVM entry point of {@link ScaleBench}: one guarded run of a migration that fails on a large database, through
 * the plain engine (no Spring Boot): pre-migrate snapshot, verification alongside the migration, restore after the
 * failure. Prints durations, peak heap and peak resident set size. Arguments: database file, migrations directory,
 * snapshot directory.
 */
public final class ScaleProbe {

    private ScaleProbe() {}

    public static void main(String[] args) throws Exception {
        Path database = Paths.get(args[0]);
        Flyway flyway = Flyway.configure()
                .dataSource(BenchDatabase.dataSource(database))
                .locations("filesystem:" + args[1])
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load();
        SnapshotSettings snapshots = new SnapshotSettings(
                true,
                2,
                SnapshotWhen.PENDING,
                false,
                Paths.get(args[2]),
                SnapshotMethod.AUTO,
                Verification.QUICK,
                0,
                null);
        GuardSettings settings = new GuardSettings(snapshots, HealSettings.defaults());
        MigrationReports reports = new MigrationReports();
        long start = System.nanoTime();
        String outcome;
        try {
            new GuardedMigration(settings, reports, Clock.systemUTC()).migrate(flyway);
            outcome = "MIGRATED";
        } catch (RuntimeException ex) {
            outcome = ex.getMessage().contains("was restored") ? "RESTORED" : "FAILED " + ex.getMessage();
        }
        System.out.println("TOTAL_SECONDS=" + (System.nanoTime() - start) / 1e9);
        System.out.println("OUTCOME=" + outcome.replace('\n', ' '));
        MigrationReport report = reports.last().orElseThrow();
        SnapshotAttempt snapshot = report.snapshot();
        if (snapshot.snapshot() != null) {
            System.out.println("SNAPSHOT_METHOD=" + snapshot.snapshot().method()
                    + (snapshot.snapshot().cloned() ? " (cloned)" : ""));
            System.out.println(
                    "COPY_SECONDS=" + snapshot.snapshot().copyDuration().toMillis() / 1e3);
            System.out.println(
                    "SNAPSHOT_SECONDS=" + snapshot.snapshot().duration().toMillis() / 1e3);
        }
        for (RestoreRecord restore : report.restores()) {
            System.out.println("RESTORE_SECONDS=" + restore.duration().toMillis() / 1e3);
            System.out.println("RESTORE_OUTCOME=" + restore.outcome());
        }
        PeakMemory.print();
    }
}
