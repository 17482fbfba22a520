package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs Flyway's migrate behind migration-guard's safety steps, in the order of the contract. Free of Spring Boot: a
 * plain Flyway user can call {@link #migrate(Flyway)} directly.
 */
public final class GuardedMigration {

    private final GuardSettings settings;

    private final MigrationReports reports;

    private final Clock clock;

    private final PreMigrateSnapshot preMigrateSnapshot;

    private volatile RunSnapshot lastSnapshot;

    public GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock) {
        this(settings, reports, clock, PreMigrateSnapshot::verifyInBackground);
    }

    GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock, Executor snapshotVerifier) {
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
        this.preMigrateSnapshot = new PreMigrateSnapshot(settings, clock, snapshotVerifier);
    }

    /**
     * Migrates the database behind the given Flyway.
     * @param flyway the configured Flyway
     * @return what the run did
     */
    public MigrationReport migrate(Flyway flyway) {
        long start = System.nanoTime();
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        DatabaseFile database = DatabaseFile.locate(dataSource);
        PendingMigrations pending = PendingMigrations.of(flyway.info());
        RunSnapshot snapshot = this.preMigrateSnapshot.take(
                dataSource, flyway.getConfiguration().getTable(), database, pending);
        this.lastSnapshot = snapshot;
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException ex) {
            record(MigrationReport.Outcome.FAILED, database, pending, pending.fromVersion(), 0, snapshot, start);
            throw ex;
        }
        MigrationReport.Outcome outcome = (result.migrationsExecuted > 0)
                ? MigrationReport.Outcome.SUCCESS
                : MigrationReport.Outcome.NOTHING_PENDING;
        String toVersion = (result.targetSchemaVersion != null) ? result.targetSchemaVersion : pending.fromVersion();
        return record(outcome, database, pending, toVersion, result.migrationsExecuted, snapshot, start);
    }

    /**
     * Waits until the pre-migrate snapshot of the latest run is settled: verified under its final name, or failed and
     * deleted. For a graceful shutdown that should not cut a verification short, or a test that needs the file.
     * @return the final attempt, or empty before the first run
     */
    public Optional<SnapshotAttempt> awaitSnapshot() {
        RunSnapshot snapshot = this.lastSnapshot;
        if (snapshot == null) {
            return Optional.empty();
        }
        try {
            snapshot.awaitVerified();
        } catch (SnapshotException ex) {
            // Already logged and reported through the attempt
        }
        return Optional.of(snapshot.attempt());
    }

    private MigrationReport record(
            MigrationReport.Outcome outcome,
            DatabaseFile database,
            PendingMigrations pending,
            String toVersion,
            int applied,
            RunSnapshot snapshot,
            long start) {
        MigrationReport report = new MigrationReport(
                outcome,
                database.exists() ? database.path().toString() : null,
                pending.fromVersion(),
                toVersion,
                pending.count(),
                applied,
                snapshot.attempt(),
                Instant.now(this.clock),
                Duration.ofNanos(System.nanoTime() - start));
        this.reports.record(report);
        // The snapshot may still be verifying while the application runs: report its outcome once known
        snapshot.whenSettled((attempt) -> this.reports.replace(report, report.withSnapshot(attempt)));
        return report;
    }
}
