package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.ChecksumHealer;
import io.github.migrationguard.heal.FingerprintRecorder;
import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.lint.LintFinding;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.lint.MigrationLint;
import io.github.migrationguard.restore.DowngradeOutcome;
import io.github.migrationguard.restore.DowngradeRestore;
import io.github.migrationguard.restore.Rehearsal;
import io.github.migrationguard.restore.RehearsalException;
import io.github.migrationguard.restore.RestoreException;
import io.github.migrationguard.restore.RestoreIfMissing;
import io.github.migrationguard.restore.RestoreOnFailure;
import io.github.migrationguard.restore.RestoreOnRequest;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.SchemaAhead;
import io.github.migrationguard.restore.SnapshotRestorer;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * Runs Flyway's migrate behind migration-guard's safety steps, in the order of the contract. Free of Spring Boot: a
 * plain Flyway user can call {@link #migrate(Flyway)} directly.
 */
public final class GuardedMigration {

    private static final Log logger = LogFactory.getLog(GuardedMigration.class);

    private final GuardSettings settings;

    private final MigrationReports reports;

    private final Clock clock;

    private final ChecksumHealer checksumHealer;

    private final PreMigrateSnapshot preMigrateSnapshot;

    private final FingerprintRecorder fingerprintRecorder;

    private final MigrationLint lint;

    private final RestoreOnRequest restoreOnRequest;

    private final DowngradeRestore downgradeRestore;

    private final Rehearsal rehearsal;

    private final RestoreOnFailure restoreOnFailure;

    private final RestoreIfMissing restoreIfMissing;

    private final OffMachineCopies offMachine;

    private volatile RunSnapshot lastSnapshot;

    public GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock) {
        this(settings, reports, clock, new MigrationLint(LintSettings.DEFAULTS));
    }

    public GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock, MigrationLint lint) {
        this(settings, reports, clock, lint, OffMachineCopies.NONE);
    }

    /**
     * Creates a guarded migration that also keeps copies off this machine.
     * @param settings the settings
     * @param reports where run reports go
     * @param clock the clock
     * @param lint the lint
     * @param offMachine the bucket's snapshots and the copy that must succeed before migrating
     */
    public GuardedMigration(
            GuardSettings settings,
            MigrationReports reports,
            Clock clock,
            MigrationLint lint,
            OffMachineCopies offMachine) {
        this(
                settings,
                reports,
                clock,
                lint,
                PreMigrateSnapshot::verifyInBackground,
                PreMigrateSnapshot.BACKGROUND_MIN_BYTES,
                offMachine);
    }

    GuardedMigration(
            GuardSettings settings,
            MigrationReports reports,
            Clock clock,
            MigrationLint lint,
            Executor snapshotVerifier,
            long backgroundVerificationMinBytes) {
        this(settings, reports, clock, lint, snapshotVerifier, backgroundVerificationMinBytes, OffMachineCopies.NONE);
    }

    GuardedMigration(
            GuardSettings settings,
            MigrationReports reports,
            Clock clock,
            MigrationLint lint,
            Executor snapshotVerifier,
            long backgroundVerificationMinBytes,
            OffMachineCopies offMachine) {
        this.offMachine = offMachine;
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
        this.checksumHealer = new ChecksumHealer(settings.heal());
        this.preMigrateSnapshot = new PreMigrateSnapshot(
                settings, clock, reports.activity(), snapshotVerifier, backgroundVerificationMinBytes);
        this.fingerprintRecorder = new FingerprintRecorder(settings.heal(), clock);
        this.lint = lint;
        SnapshotRestorer restorer = new SnapshotRestorer();
        this.restoreOnRequest =
                new RestoreOnRequest(settings.restore(), settings.keep(), clock, restorer, offMachine.snapshots());
        this.restoreIfMissing = new RestoreIfMissing(clock, restorer, offMachine.snapshots());
        this.downgradeRestore = new DowngradeRestore(settings.restore(), settings.keep(), clock, restorer);
        this.rehearsal = new Rehearsal(clock);
        this.restoreOnFailure = new RestoreOnFailure(restorer);
    }

    /**
     * Migrates the database behind the given Flyway.
     * @param flyway the configured Flyway
     * @return what the run did
     */
    public MigrationReport migrate(Flyway flyway) {
        return run(flyway, null);
    }

    /**
     * Runs the application's own migrate step (for example "repair, then migrate") in place of Flyway's migrate,
     * guarded like any run: restore on request, snapshot before it, restore if it throws, fingerprints after. Self-heal
     * steps aside, since the step may repair the schema history itself. What was applied is read from Flyway before
     * and after the step.
     * @param flyway the configured Flyway
     * @param migrateStep what migrates the database behind that Flyway
     * @return what the run did
     */
    public MigrationReport migrate(Flyway flyway, Consumer<Flyway> migrateStep) {
        return run(flyway, migrateStep);
    }

    private MigrationReport run(Flyway flyway, @Nullable Consumer<Flyway> applicationStep) {
        long start = System.nanoTime();
        Configuration configuration = flyway.getConfiguration();
        DataSource dataSource = configuration.getDataSource();
        SnapshotSettings snapshotSettings = this.settings.snapshot().withHistoryTable(configuration.getTable());
        List<RestoreRecord> restores = new ArrayList<>();
        restoreIfMissing(dataSource, snapshotSettings).ifPresent(restores::add);
        DatabaseFile database = DatabaseFile.locate(dataSource);
        if (restores.isEmpty()) {
            restoreIfRequested(dataSource, database, snapshotSettings).ifPresent(restores::add);
        }
        // One look at the migrations serves the downgrade check, the snapshot, lint and the fingerprints; it is only
        // taken again when a restore or a heal changed what it saw
        MigrationInfoService info = flyway.info();
        DowngradeOutcome downgrade = restoreIfDowngraded(info, dataSource, database, snapshotSettings);
        if (downgrade.restored()) {
            restores.add(downgrade.restore());
            info = flyway.info();
        }
        // The application's own step may repair the schema history itself: self-heal steps aside for it
        List<Heal> heals = (applicationStep != null) ? List.of() : this.checksumHealer.heal(flyway);
        if (!heals.isEmpty()) {
            info = flyway.info();
        }
        PendingMigrations pending = PendingMigrations.of(info);
        List<LintFinding> findings = new ArrayList<>();
        if (pending.count() > 0) {
            findings.addAll(this.lint.beforeMigrate(flyway));
        }
        boolean writes = pending.count() > 0 || (applicationStep != null && repairsHistory(flyway));
        RunSnapshot snapshot =
                this.preMigrateSnapshot.take(dataSource, configuration.getTable(), database, pending, writes);
        this.lastSnapshot = snapshot;
        Run run = new Run(database, pending, snapshot, heals, findings, restores, downgrade.ahead(), start);
        requireOffMachineCopy(run);
        rehearse(flyway, snapshotSettings, run, (applicationStep != null) ? applicationStep : Flyway::migrate);
        MigrateResult result;
        try {
            result = migrateStep(flyway, applicationStep);
        } catch (RuntimeException ex) {
            throw migrationFailed(flyway, ex, run);
        }
        // Read once the step succeeded: failing to read the outcome is no reason to restore a migrated database
        Migrated migrated = (result != null) ? Migrated.of(flyway, result, info) : Migrated.countedAfter(flyway, info);
        this.fingerprintRecorder.record(flyway, migrated.applied().applied());
        if (migrated.count() > 0) {
            findings.addAll(this.lint.afterMigrate(dataSource));
        }
        MigrationReport.Outcome outcome =
                (migrated.count() > 0) ? MigrationReport.Outcome.SUCCESS : MigrationReport.Outcome.NOTHING_PENDING;
        return record(outcome, run, migrated.toVersion(pending), migrated.count());
    }

    /**
     * Runs Flyway's migrate, or the application's step, which says nothing of what it did.
     */
    private static @Nullable MigrateResult migrateStep(Flyway flyway, @Nullable Consumer<Flyway> applicationStep) {
        if (applicationStep == null) {
            return flyway.migrate();
        }
        applicationStep.accept(flyway);
        return null;
    }

    /**
     * Whether the application's own step may write although nothing is pending: a repair realigns a schema history
     * that does not validate, and the snapshot must come before that write.
     */
    private static boolean repairsHistory(Flyway flyway) {
        try {
            return !flyway.validateWithResult().validationSuccessful;
        } catch (RuntimeException ex) {
            // Whatever stops validation may be what the application's step repairs: take the snapshot
            return true;
        }
    }

    private Optional<RestoreRecord> restoreIfRequested(
            DataSource dataSource, DatabaseFile database, SnapshotSettings snapshotSettings) {
        try {
            return this.restoreOnRequest.restoreIfRequested(dataSource, database, snapshotSettings);
        } catch (RestoreException ex) {
            throw new MigrationGuardException(ex.getMessage(), ex);
        }
    }

    private Optional<RestoreRecord> restoreIfMissing(DataSource dataSource, SnapshotSettings snapshotSettings) {
        if (!this.settings.restore().ifMissing()) {
            return Optional.empty();
        }
        try {
            return this.restoreIfMissing.restoreIfMissing(dataSource, snapshotSettings);
        } catch (RestoreException ex) {
            throw new MigrationGuardException(ex.getMessage(), ex);
        }
    }

    private DowngradeOutcome restoreIfDowngraded(
            MigrationInfoService info,
            DataSource dataSource,
            DatabaseFile database,
            SnapshotSettings snapshotSettings) {
        try {
            return this.downgradeRestore.check(info, dataSource, database, snapshotSettings);
        } catch (RestoreException ex) {
            throw new MigrationGuardException(ex.getMessage(), ex);
        }
    }

    // remote.on-failure=abort: the pre-migrate snapshot must be off this machine before anything is migrated
    private void requireOffMachineCopy(Run run) {
        if (this.offMachine.requiredCopy() == null || !run.snapshot().copied()) {
            return;
        }
        try {
            this.offMachine.requiredCopy().accept(run.snapshot().awaitVerified());
        } catch (RuntimeException ex) {
            record(MigrationReport.Outcome.FAILED, run, run.pending().fromVersion(), 0);
            throw new MigrationGuardException(
                    "The pre-migrate snapshot could not be copied off this machine and "
                            + "migration-guard.remote.on-failure=abort, so nothing was migrated: " + ex.getMessage(),
                    ex);
        }
    }

    private void rehearse(Flyway flyway, SnapshotSettings snapshotSettings, Run run, Consumer<Flyway> migrateStep) {
        if (!this.settings.restore().rehearse() || run.pending().count() == 0) {
            return;
        }
        try {
            this.rehearsal.rehearse(flyway, run.database(), snapshotSettings, migrateStep);
        } catch (RehearsalException ex) {
            record(MigrationReport.Outcome.FAILED, run, run.pending().fromVersion(), 0);
            throw new MigrationGuardException(ex.getMessage(), ex);
        }
    }

    private RuntimeException migrationFailed(Flyway flyway, RuntimeException failure, Run run) {
        Optional<Path> snapshot = verifiedSnapshot(run.snapshot());
        if (!this.settings.restore().onFailure() || snapshot.isEmpty()) {
            if (this.settings.restore().onFailure()) {
                logger.warn("Migration failed and there is no snapshot of this run to restore ("
                        + run.snapshot().attempt().message()
                        + "); the database is left as the failed migration left it");
            }
            record(MigrationReport.Outcome.FAILED, run, run.pending().fromVersion(), 0);
            return failure;
        }
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        RestoreRecord restore = this.restoreOnFailure.restore(dataSource, run.database(), snapshot.get(), failure);
        run.restores().add(restore);
        if (!restore.restored()) {
            record(MigrationReport.Outcome.FAILED, run, null, 0);
            return new MigrationGuardException(
                    "Migration failed: " + failure.getMessage() + "\n" + restore.message(), failure);
        }
        String version = restoredVersion(flyway, run);
        record(MigrationReport.Outcome.RESTORED, run, version, 0);
        return new MigrationGuardException(
                "Migration failed; the database was restored from snapshot " + snapshot.get() + " and is back at "
                        + ((version != null) ? "version " + version : "an empty schema history")
                        + ". Fix the migration and restart. Cause: " + failure.getMessage(),
                failure);
    }

    /**
     * Returns the verified snapshot of this run, the only file a failed migration may be restored from. Its
     * verification may still be running alongside the migration: this waits for it, and a copy that failed
     * verification (already logged at ERROR) is never restored.
     */
    private static Optional<Path> verifiedSnapshot(RunSnapshot snapshot) {
        if (!snapshot.copied()) {
            return Optional.empty();
        }
        try {
            return Optional.of(snapshot.awaitVerified().file());
        } catch (SnapshotException ex) {
            return Optional.empty();
        }
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

    private static String restoredVersion(Flyway flyway, Run run) {
        try {
            return PendingMigrations.of(flyway.info()).fromVersion();
        } catch (RuntimeException ex) {
            // The restore matched the snapshot page for page, and the snapshot was taken at the run's start version
            logger.warn("Could not read the schema version back after the restore (" + ex.getMessage()
                    + "); reporting the version the snapshot was taken at");
            return run.pending().fromVersion();
        }
    }

    private MigrationReport record(MigrationReport.Outcome outcome, Run run, String toVersion, int applied) {
        DatabaseFile database = run.database();
        MigrationReport report = new MigrationReport(
                outcome,
                database.exists() ? database.path().toString() : null,
                run.pending().fromVersion(),
                toVersion,
                run.pending().count(),
                applied,
                run.snapshot().attempt(),
                Instant.now(this.clock),
                Duration.ofNanos(System.nanoTime() - run.start()),
                run.heals(),
                run.findings(),
                run.restores(),
                run.ahead());
        this.reports.record(report);
        // The snapshot may still be verifying while the application runs: report its outcome once known
        run.snapshot().whenSettled((attempt) -> this.reports.snapshotSettled(report, attempt));
        return report;
    }

    /**
     * What a run knows once it is about to migrate.
     */
    private record Run(
            DatabaseFile database,
            PendingMigrations pending,
            RunSnapshot snapshot,
            List<Heal> heals,
            List<LintFinding> findings,
            List<RestoreRecord> restores,
            SchemaAhead ahead,
            long start) {}

    /**
     * What the migrate step applied.
     *
     * @param count how many migrations it applied
     * @param version the schema version after it, or {@code null} when Flyway did not say
     * @param applied Flyway's view of the migrations after it
     */
    private record Migrated(int count, @Nullable String version, MigrationInfoService applied) {

        static Migrated of(Flyway flyway, MigrateResult result, MigrationInfoService before) {
            MigrationInfoService after = (result.migrationsExecuted > 0) ? flyway.info() : before;
            return new Migrated(result.migrationsExecuted, result.targetSchemaVersion, after);
        }

        /**
         * Counts the schema history rows the application's step added: the step returns nothing, and may repair rows
         * as well as add them.
         */
        static Migrated countedAfter(Flyway flyway, MigrationInfoService before) {
            int lastRank = Arrays.stream(before.applied())
                    .mapToInt(MigrationInfo::getInstalledRank)
                    .max()
                    .orElse(0);
            MigrationInfoService after = flyway.info();
            int count = (int) Arrays.stream(after.applied())
                    .filter((migration) -> migration.getInstalledRank() > lastRank)
                    .count();
            return new Migrated(count, PendingMigrations.of(after).fromVersion(), after);
        }

        @Nullable
        String toVersion(PendingMigrations pending) {
            return (this.version != null) ? this.version : pending.fromVersion();
        }
    }
}
