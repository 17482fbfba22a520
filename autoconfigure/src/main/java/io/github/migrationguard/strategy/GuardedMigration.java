package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.ChecksumHealer;
import io.github.migrationguard.heal.FingerprintRecorder;
import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.lint.LintFinding;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.MigrationLint;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private final ChecksumHealer checksumHealer;

    private final PreMigrateSnapshot preMigrateSnapshot;

    private final FingerprintRecorder fingerprintRecorder;

    private final MigrationLint lint;

    public GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock) {
        this(settings, reports, clock, new MigrationLint(LintSettings.DEFAULTS));
    }

    public GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock, MigrationLint lint) {
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
        this.checksumHealer = new ChecksumHealer(settings.heal());
        this.preMigrateSnapshot = new PreMigrateSnapshot(settings, clock, reports.activity());
        this.fingerprintRecorder = new FingerprintRecorder(settings.heal(), clock);
        this.lint = lint;
    }

    /**
     * Migrates the database behind the given Flyway.
     * @param flyway the configured Flyway
     * @return what the run did
     */
    public MigrationReport migrate(Flyway flyway) {
        long start = System.nanoTime();
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        List<Heal> heals = this.checksumHealer.heal(flyway);
        DatabaseFile database = DatabaseFile.locate(dataSource);
        PendingMigrations pending = PendingMigrations.of(flyway.info());
        List<LintFinding> findings = new ArrayList<>(this.lint.beforeMigrate(flyway));
        SnapshotAttempt snapshot = this.preMigrateSnapshot.take(
                dataSource, flyway.getConfiguration().getTable(), database, pending);
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException ex) {
            record(
                    MigrationReport.Outcome.FAILED,
                    database,
                    pending,
                    pending.fromVersion(),
                    0,
                    snapshot,
                    heals,
                    findings,
                    start);
            throw ex;
        }
        this.fingerprintRecorder.record(flyway);
        findings.addAll(this.lint.afterMigrate(dataSource));
        MigrationReport.Outcome outcome = (result.migrationsExecuted > 0)
                ? MigrationReport.Outcome.SUCCESS
                : MigrationReport.Outcome.NOTHING_PENDING;
        String toVersion = (result.targetSchemaVersion != null) ? result.targetSchemaVersion : pending.fromVersion();
        return record(
                outcome, database, pending, toVersion, result.migrationsExecuted, snapshot, heals, findings, start);
    }

    private MigrationReport record(
            MigrationReport.Outcome outcome,
            DatabaseFile database,
            PendingMigrations pending,
            String toVersion,
            int applied,
            SnapshotAttempt snapshot,
            List<Heal> heals,
            List<LintFinding> findings,
            long start) {
        MigrationReport report = new MigrationReport(
                outcome,
                database.exists() ? database.path().toString() : null,
                pending.fromVersion(),
                toVersion,
                pending.count(),
                applied,
                snapshot,
                Instant.now(this.clock),
                Duration.ofNanos(System.nanoTime() - start),
                heals,
                findings);
        this.reports.record(report);
        return report;
    }
}
