package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.heal.SelfHeal;
import io.github.migrationguard.lint.MigrationLint;
import io.github.migrationguard.restore.CrashLoop;
import io.github.migrationguard.restore.DowngradeOutcome;
import io.github.migrationguard.restore.RehearsalException;
import io.github.migrationguard.restore.RestoreException;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.RestoreSteps;
import io.github.migrationguard.restore.RestoreTrigger;
import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.PendingSnapshot;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotException;
import io.github.migrationguard.snapshot.SnapshotSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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

    private final SelfHeal selfHeal;

    private final BootPlanner planner;

    private final PreMigrateSnapshot preMigrateSnapshot;

    private final MigrationLint lint;

    private final RestoreSteps restores;

    private final OffMachineCopies offMachine;

    private final FlywayLogs flywayLogs;

    private volatile RunSnapshot lastSnapshot;

    public GuardedMigration(GuardSettings settings, MigrationReports reports, Clock clock) {
        this(settings, reports, clock, OffMachineCopies.NONE);
    }

    /**
     * Creates a guarded migration that also keeps copies off this machine.
     * @param settings the settings
     * @param reports where run reports go
     * @param clock the clock
     * @param offMachine the bucket's snapshots and the copy that must succeed before migrating
     */
    public GuardedMigration(
            GuardSettings settings, MigrationReports reports, Clock clock, OffMachineCopies offMachine) {
        this(settings, reports, clock, offMachine, FlywayLogs.UNCHANGED);
    }

    /**
     * Creates a guarded migration that also keeps copies off this machine, and quiets Flyway's lines while it runs
     * Flyway commands of its own, so that a guarded boot logs them as often as a plain migrate.
     * @param settings the settings
     * @param reports where run reports go
     * @param clock the clock
     * @param offMachine the bucket's snapshots and the copy that must succeed before migrating
     * @param flywayLogs what quiets Flyway's lines during the guard's own commands
     */
    public GuardedMigration(
            GuardSettings settings,
            MigrationReports reports,
            Clock clock,
            OffMachineCopies offMachine,
            FlywayLogs flywayLogs) {
        this(
                settings,
                reports,
                clock,
                PreMigrateSnapshot::verifyInBackground,
                PreMigrateSnapshot.BACKGROUND_MIN_BYTES,
                offMachine,
                flywayLogs);
    }

    GuardedMigration(
            GuardSettings settings,
            MigrationReports reports,
            Clock clock,
            Executor snapshotVerifier,
            long backgroundVerificationMinBytes) {
        this(
                settings,
                reports,
                clock,
                snapshotVerifier,
                backgroundVerificationMinBytes,
                OffMachineCopies.NONE,
                FlywayLogs.UNCHANGED);
    }

    GuardedMigration(
            GuardSettings settings,
            MigrationReports reports,
            Clock clock,
            Executor snapshotVerifier,
            long backgroundVerificationMinBytes,
            OffMachineCopies offMachine,
            FlywayLogs flywayLogs) {
        this.offMachine = offMachine;
        this.flywayLogs = flywayLogs;
        this.settings = settings;
        this.reports = reports;
        this.clock = clock;
        this.selfHeal = new SelfHeal(settings.heal(), clock);
        this.planner = new BootPlanner(this.selfHeal);
        this.preMigrateSnapshot = new PreMigrateSnapshot(
                settings.snapshot(), clock, reports, snapshotVerifier, backgroundVerificationMinBytes);
        this.lint = new MigrationLint(settings.lint());
        this.restores = new RestoreSteps(
                settings.restore(), settings.snapshot().keep(), clock, offMachine.snapshots(), reports);
    }

    /**
     * Migrates the database behind the given Flyway. Every run is recorded, whatever step it ends in.
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
        BootRun run = new BootRun(DatabaseFile.locate(flyway.getConfiguration().getDataSource()));
        try {
            return guard(flyway, run, applicationStep);
        } catch (RuntimeException ex) {
            if (!run.recorded()) {
                record(MigrationReport.Outcome.FAILED, run, run.pending().fromVersion(), 0, ex);
            }
            throw ex;
        }
    }

    private MigrationReport guard(Flyway flyway, BootRun run, @Nullable Consumer<Flyway> applicationStep) {
        // The one place a run learns the history table, when the settings leave it to Flyway's configuration
        SnapshotSettings snapshotSettings = this.settings
                .snapshot()
                .withFlywayTable(flyway.getConfiguration().getTable());
        // One instance at a time from the pending check to the end of the migration: the others then find nothing
        // pending, take no snapshot and prune nothing. A missing database is locked by its path too, so that only
        // one instance restores it (restore.if-missing) or creates it
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        Path lockedPath = run.database().exists() ? run.database().path() : DatabaseFile.mainFileOf(dataSource);
        try (InstanceLock lock = InstanceLock.acquire(lockedPath)) {
            if (!run.database().exists()) {
                // Another instance may have restored or created the database while this one waited for the lock
                run.located(DatabaseFile.locate(dataSource));
            }
            return guardExclusively(flyway, run, applicationStep, snapshotSettings);
        }
    }

    private MigrationReport guardExclusively(
            Flyway flyway, BootRun run, @Nullable Consumer<Flyway> applicationStep, SnapshotSettings snapshotSettings) {
        Configuration configuration = flyway.getConfiguration();
        DataSource dataSource = configuration.getDataSource();
        completeInterruptedRestore(dataSource, run, snapshotSettings);
        if (!restoreIfMissing(dataSource, run, snapshotSettings)) {
            restoreIfRequested(dataSource, run, snapshotSettings);
        }
        run.enter(GuardStep.PLAN);
        BootPlan plan = plan(flyway, applicationStep);
        // The downgrade check reads the plan's look; a restore changes what it saw, so the boot is planned again
        DowngradeOutcome downgrade = restoreIfDowngraded(plan.info(), dataSource, run, snapshotSettings);
        run.ahead(downgrade.ahead());
        if (downgrade.restored()) {
            run.restores().add(downgrade.restore());
            plan = plan(flyway, applicationStep);
        }
        run.planned(plan.pending());
        run.enter(GuardStep.LINT);
        if (plan.pending().count() > 0) {
            run.findings().addAll(this.lint.beforeMigrate(flyway, plan.info().pending()));
        }
        boolean writes = plan.writes() || (applicationStep != null && repairsHistory(flyway, plan.info()));
        SnapshotDirectory backups = run.database().exists()
                ? snapshotSettings.directoryFor(run.database().path())
                : null;
        snapshot(dataSource, snapshotSettings, run, plan, writes, backups);
        requireOffMachineCopy(run);
        rehearse(flyway, snapshotSettings, run, plan, applicationStep);
        run.enter(GuardStep.HEAL);
        run.healed(this.selfHeal.apply(flyway, plan.heals()));
        run.enter(GuardStep.MIGRATE);
        MigrateResult result;
        try {
            result = migrateStep(flyway, applicationStep);
        } catch (RuntimeException ex) {
            throw migrationFailed(flyway, ex, run);
        }
        run.enter(GuardStep.AFTER_MIGRATE);
        int applied;
        String toVersion;
        if (result != null) {
            applied = result.migrationsExecuted;
            toVersion = (result.targetSchemaVersion != null)
                    ? result.targetSchemaVersion
                    : plan.pending().fromVersion();
            this.selfHeal.recordFingerprints(flyway, plan.info().all(), healedVersions(run), migratedVersions(result));
        } else {
            // Read once the step succeeded: failing to read the outcome is no reason to restore a migrated database
            Migrated migrated = Migrated.countedAfter(this.flywayLogs.quietly(flyway::info), plan.info());
            applied = migrated.count();
            toVersion = migrated.version();
            this.selfHeal.recordFingerprints(flyway, migrated.applied().applied());
        }
        if (applied > 0) {
            run.findings().addAll(this.lint.afterMigrate(dataSource));
        }
        endCrashLoop(run, backups);
        MigrationReport.Outcome outcome =
                (applied > 0) ? MigrationReport.Outcome.SUCCESS : MigrationReport.Outcome.NOTHING_PENDING;
        return record(outcome, run, toVersion, applied, null);
    }

    /**
     * Plans the boot. The application's own step may repair the schema history itself: self-heal steps aside for
     * it, and validation problems are its to solve, so nothing is refused.
     */
    private BootPlan plan(Flyway flyway, @Nullable Consumer<Flyway> applicationStep) {
        return this.flywayLogs.quietly(
                () -> (applicationStep != null) ? this.planner.look(flyway) : this.planner.plan(flyway));
    }

    /**
     * Runs Flyway's migrate, or the application's step, which says nothing of what it did. The one place migrations
     * run inside the guard: after the snapshot and the heals, before fingerprints.
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
    private boolean repairsHistory(Flyway flyway, MigrationInfoService info) {
        try {
            if (this.selfHeal.validates(info)) {
                return false;
            }
            return !this.flywayLogs.quietly(flyway::validateWithResult).validationSuccessful;
        } catch (RuntimeException ex) {
            // Whatever stops validation may be what the application's step repairs: take the snapshot
            return true;
        }
    }

    /**
     * Completes a restore that a crash or {@code kill -9} cut short, before anything else reads the database.
     */
    private void completeInterruptedRestore(DataSource dataSource, BootRun run, SnapshotSettings snapshotSettings) {
        DatabaseFile database = run.database();
        if (!database.exists()) {
            return;
        }
        run.enter(GuardStep.COMPLETE_RESTORE);
        long start = System.nanoTime();
        try {
            this.restores
                    .completeInterrupted(
                            dataSource,
                            database,
                            snapshotSettings.directoryFor(database.path()).path())
                    .ifPresent(run.restores()::add);
        } catch (RestoreException ex) {
            throw restoreFailed(run, ex.trigger().orElse(RestoreTrigger.STARTUP), ex, start);
        }
    }

    private void restoreIfRequested(DataSource dataSource, BootRun run, SnapshotSettings snapshotSettings) {
        run.enter(GuardStep.RESTORE_ON_REQUEST);
        long start = System.nanoTime();
        try {
            this.restores
                    .restoreIfRequested(dataSource, run.database(), snapshotSettings)
                    .ifPresent(run.restores()::add);
        } catch (RestoreException ex) {
            throw restoreFailed(run, RestoreTrigger.STARTUP, ex, start);
        }
    }

    /**
     * Adds a restore at startup that failed (or a request that could not be carried out) to the run, so that the
     * run's report and {@code migration.guard.restore{outcome="failure"}} show it, and stops startup.
     */
    private static RestoreFailedException restoreFailed(
            BootRun run, RestoreTrigger trigger, RestoreException ex, long start) {
        run.restores()
                .add(RestoreRecord.failed(
                        trigger, null, String.valueOf(ex.getMessage()), Duration.ofNanos(System.nanoTime() - start)));
        return new RestoreFailedException(ex.getMessage(), ex);
    }

    /**
     * With {@code restore.if-missing}, puts the newest good snapshot (local, then the bucket) in place of a missing
     * database file, before anything else reads it.
     * @return whether it restored
     */
    private boolean restoreIfMissing(DataSource dataSource, BootRun run, SnapshotSettings snapshotSettings) {
        if (!this.settings.restore().ifMissing() || run.database().exists()) {
            return false;
        }
        run.enter(GuardStep.RESTORE_ON_REQUEST);
        long start = System.nanoTime();
        try {
            Optional<RestoreRecord> restored = this.restores.restoreIfMissing(dataSource, snapshotSettings);
            restored.ifPresent((restore) -> {
                run.restores().add(restore);
                run.located(DatabaseFile.locate(dataSource));
            });
            return restored.isPresent();
        } catch (RestoreException ex) {
            throw restoreFailed(run, RestoreTrigger.STARTUP, ex, start);
        }
    }

    private DowngradeOutcome restoreIfDowngraded(
            MigrationInfoService info, DataSource dataSource, BootRun run, SnapshotSettings snapshotSettings) {
        long start = System.nanoTime();
        try {
            return this.restores.checkDowngrade(info, dataSource, run.database(), snapshotSettings);
        } catch (RestoreException ex) {
            throw restoreFailed(run, RestoreTrigger.DOWNGRADE, ex, start);
        }
    }

    // remote.on-failure=abort: the pre-migrate snapshot must be off this machine before anything is migrated
    private void requireOffMachineCopy(BootRun run) {
        RunSnapshot snapshot = run.snapshot();
        if (this.offMachine.requiredCopy() == null || snapshot == null || !snapshot.copied()) {
            return;
        }
        try {
            this.offMachine.requiredCopy().accept(snapshot.awaitVerified());
        } catch (RuntimeException ex) {
            throw new SnapshotAbortedException(
                    "The pre-migrate snapshot could not be copied off this machine and "
                            + "migration-guard.remote.on-failure=abort, so nothing was migrated: " + ex.getMessage(),
                    ex);
        }
    }

    private void snapshot(
            DataSource dataSource,
            SnapshotSettings snapshotSettings,
            BootRun run,
            BootPlan plan,
            boolean writes,
            @Nullable SnapshotDirectory backups) {
        run.enter(GuardStep.SNAPSHOT);
        try {
            Optional<CrashLoop> reusable = reusableSnapshot(dataSource, run, writes, backups);
            RunSnapshot snapshot = this.preMigrateSnapshot.take(
                    dataSource, snapshotSettings, run.database(), plan.pending(), writes, reusable);
            run.snapshot(snapshot);
            this.lastSnapshot = snapshot;
        } catch (SnapshotAbortedException ex) {
            throw ex;
        } catch (MigrationGuardException ex) {
            // migration-guard.snapshot.on-failure=abort: nothing was written
            throw new SnapshotAbortedException(ex.getMessage(), ex.getCause());
        }
    }

    /**
     * Looks for a crash loop this boot continues, and whether its snapshot can stand for this boot (the database is
     * unchanged since the previous boot restored it).
     */
    private Optional<CrashLoop> reusableSnapshot(
            DataSource dataSource, BootRun run, boolean writes, @Nullable SnapshotDirectory backups) {
        if (backups == null) {
            return Optional.empty();
        }
        run.crashLoop(this.restores.previousCrashLoop(backups, run.database()).orElse(null));
        if (run.crashLoop() == null || !writes || !this.settings.snapshot().on()) {
            return Optional.empty();
        }
        try {
            return this.restores.reusableCrashLoop(dataSource, backups, run.database());
        } catch (RuntimeException ex) {
            logger.warn("Taking a fresh snapshot: could not compare "
                    + run.database().path() + " with what the last failed boot restored (" + ex.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Ends a crash loop once a boot migrated or found nothing to migrate, then prunes: only a boot that succeeded
     * prunes, so a failing one never deletes what came before it.
     */
    private void endCrashLoop(BootRun run, @Nullable SnapshotDirectory backups) {
        if (backups == null) {
            return;
        }
        if (run.crashLoop() != null) {
            logger.info("The crash loop of " + run.database().path() + " is over after "
                    + run.crashLoop().failedBoots() + " failed boot(s); snapshot "
                    + run.crashLoop().snapshot().file() + " is pruned like any other from now on");
            try {
                this.restores.endCrashLoop(backups);
            } catch (RuntimeException ex) {
                logger.warn("Could not remove the crash loop record in " + backups.path() + " (" + ex.getMessage()
                        + "); the next boot compares the database with it and takes a fresh snapshot");
            }
            run.crashLoop(null);
        }
        if (run.snapshot() != null) {
            this.preMigrateSnapshot.pruneAfterSuccess(run.snapshot(), backups);
        }
    }

    private void rehearse(
            Flyway flyway,
            SnapshotSettings snapshotSettings,
            BootRun run,
            BootPlan plan,
            @Nullable Consumer<Flyway> applicationStep) {
        if (!this.settings.rehearse() || plan.pending().count() == 0) {
            return;
        }
        run.enter(GuardStep.REHEARSE);
        try {
            // The copy gets this boot's heals first, so that it migrates exactly as the live database will
            this.flywayLogs.quietly(() -> {
                this.restores.rehearse(flyway, run.database(), snapshotSettings, (copy) -> {
                    this.selfHeal.applyToCopy(copy, plan.heals());
                    migrateStep(copy, applicationStep);
                });
                return null;
            });
        } catch (RehearsalException ex) {
            throw new MigrationGuardException(ex.getMessage(), ex);
        }
    }

    private RuntimeException migrationFailed(Flyway flyway, RuntimeException failure, BootRun run) {
        Optional<Snapshot> snapshot = verifiedSnapshot(run.snapshot());
        String sqlite = SqliteError.of(failure);
        if (!this.settings.restore().onFailure() || snapshot.isEmpty()) {
            if (this.settings.restore().onFailure()) {
                logger.warn("Migration failed and there is no snapshot of this run to restore ("
                        + run.snapshot().attempt().message()
                        + "); the database is left as the failed migration left it." + sqlite);
            }
            record(MigrationReport.Outcome.FAILED, run, run.pending().fromVersion(), 0, failure);
            return failure;
        }
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        RestoreRecord restore = this.restores.restoreOnFailure(
                dataSource, run.database(), snapshot.get().file(), failure);
        run.restores().add(restore);
        if (!restore.restored()) {
            RestoreFailedException stopped = new RestoreFailedException(
                    "Migration failed:" + sqlite + " " + failure.getMessage() + "\n" + restore.message(), failure);
            record(MigrationReport.Outcome.FAILED, run, null, 0, stopped);
            return stopped;
        }
        recordCrashLoop(dataSource, run, snapshot.get());
        String version = restoredVersion(flyway, run);
        MigrationGuardException stopped = new MigrationGuardException(
                "Migration failed; the database was restored from snapshot "
                        + snapshot.get().file()
                        + " and is back at "
                        + ((version != null) ? "version " + version : "an empty schema history")
                        + ". Fix the migration and restart." + sqlite + " Cause: " + failure.getMessage(),
                failure);
        record(MigrationReport.Outcome.RESTORED, run, version, 0, stopped);
        return stopped;
    }

    /**
     * Records the restore for the next boot, which reuses the snapshot while the database stays as restored. Failing
     * to record it costs the next boot a fresh copy, never a restore.
     */
    private void recordCrashLoop(DataSource dataSource, BootRun run, Snapshot restored) {
        SnapshotDirectory backups =
                this.settings.snapshot().directoryFor(run.database().path());
        try {
            run.crashLoop(this.restores.recordCrashLoop(
                    dataSource, backups, run.database(), restored, Optional.ofNullable(run.crashLoop())));
        } catch (RuntimeException ex) {
            logger.warn("Could not record the restore in " + backups.path() + " (" + ex.getMessage()
                    + "); the next boot takes a fresh snapshot instead of reusing " + restored.file());
        }
    }

    private static Set<String> healedVersions(BootRun run) {
        return run.heals().stream().map(Heal::version).collect(Collectors.toSet());
    }

    private static Set<String> migratedVersions(MigrateResult result) {
        if (result.migrations == null) {
            return Set.of();
        }
        return result.migrations.stream()
                .map((migration) -> migration.version)
                .filter((version) -> version != null && !version.isEmpty())
                .collect(Collectors.toSet());
    }

    /**
     * Returns the verified snapshot of this run, the only file a failed migration may be restored from. Its
     * verification may still be running alongside the migration: this waits for it, and a copy that failed
     * verification (already logged at ERROR) is never restored.
     */
    private static Optional<Snapshot> verifiedSnapshot(RunSnapshot snapshot) {
        if (snapshot == null || !snapshot.copied()) {
            return Optional.empty();
        }
        try {
            return Optional.of(snapshot.awaitVerified());
        } catch (SnapshotException ex) {
            return Optional.empty();
        }
    }

    /**
     * Waits until the pre-migrate snapshot of the latest run is settled: verified under its final name, or failed and
     * deleted; at most {@link PendingSnapshot#SHUTDOWN_WAIT}, after which its verification is cancelled and the copy
     * deleted (a few more seconds). For a shutdown that should neither cut a verification short without need nor
     * hang, or a test that needs the file.
     * @return the final attempt, or empty before the first run
     */
    public Optional<SnapshotAttempt> awaitSnapshot() {
        RunSnapshot snapshot = this.lastSnapshot;
        if (snapshot == null) {
            return Optional.empty();
        }
        return Optional.of(snapshot.settleOrCancel(PendingSnapshot.SHUTDOWN_WAIT));
    }

    private String restoredVersion(Flyway flyway, BootRun run) {
        try {
            return PendingMigrations.of(this.flywayLogs.quietly(flyway::info)).fromVersion();
        } catch (RuntimeException ex) {
            // The restore matched the snapshot page for page, and the snapshot was taken at the run's start version
            logger.warn("Could not read the schema version back after the restore (" + ex.getMessage()
                    + "); reporting the version the snapshot was taken at");
            return run.pending().fromVersion();
        }
    }

    private MigrationReport record(
            MigrationReport.Outcome outcome, BootRun run, String toVersion, int applied, RuntimeException failure) {
        DatabaseFile database = run.database();
        RunSnapshot snapshot = run.snapshot();
        MigrationReport report = new MigrationReport(
                outcome,
                database.exists() ? database.path().toString() : null,
                run.pending().fromVersion(),
                toVersion,
                run.pending().count(),
                applied,
                (snapshot != null) ? snapshot.attempt() : null,
                Instant.now(this.clock),
                Duration.ofNanos(System.nanoTime() - run.start()),
                run.heals(),
                run.findings(),
                run.restores(),
                run.ahead(),
                (failure != null) ? run.step() : null,
                (failure != null) ? String.valueOf(failure.getMessage()) : null,
                run.crashLoop());
        run.markRecorded();
        this.reports.record(report);
        if (snapshot != null) {
            // The snapshot may still be verifying while the application runs, or after startup failed: count its
            // outcome once known
            snapshot.whenSettled((attempt) -> this.reports.snapshotSettled(report, attempt));
        }
        return report;
    }

    /**
     * What the application's own migrate step applied (Flyway's migrate says so itself).
     *
     * @param count how many migrations it applied
     * @param version the schema version after it, or {@code null} when Flyway did not say
     * @param applied Flyway's view of the migrations after it
     */
    private record Migrated(int count, @Nullable String version, MigrationInfoService applied) {

        /**
         * Counts the schema history rows the application's step added: the step returns nothing, and may repair rows
         * as well as add them.
         */
        static Migrated countedAfter(MigrationInfoService after, MigrationInfoService before) {
            int lastRank = Arrays.stream(before.applied())
                    .mapToInt(MigrationInfo::getInstalledRank)
                    .max()
                    .orElse(0);
            int count = (int) Arrays.stream(after.applied())
                    .filter((migration) -> migration.getInstalledRank() > lastRank)
                    .count();
            return new Migrated(count, PendingMigrations.of(after).fromVersion(), after);
        }
    }
}
