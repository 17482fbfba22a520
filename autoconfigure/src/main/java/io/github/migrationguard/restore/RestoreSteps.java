package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.DatabaseFile;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jspecify.annotations.Nullable;

/**
 * Internal: the restore steps of a guarded run, the one entry into this package for {@code strategy}, in the order a
 * run takes them: complete an interrupted restore, restore if missing, restore on request, restore on downgrade,
 * rehearse, restore on failure, and the crash loops those restores start. Each step is a class of this package; this
 * one only builds them on one {@link SnapshotRestorer} and hands on.
 */
public final class RestoreSteps {

    private final InterruptedRestore interrupted;

    private final RestoreIfMissing ifMissing;

    private final RestoreOnRequest onRequest;

    private final DowngradeRestore onDowngrade;

    private final Rehearsal rehearsal;

    private final RestoreOnFailure onFailure;

    private final CrashLoops crashLoops;

    /**
     * Creates the steps.
     * @param settings the restore settings
     * @param keep {@code pre-restore} snapshots kept; at least one is always kept
     * @param clock the clock for snapshot names and the ledger
     * @param remote the snapshots off this machine, or {@code null}
     * @param activity where {@code pre-restore} snapshots and their retention are recorded
     */
    public RestoreSteps(
            RestoreSettings settings,
            int keep,
            Clock clock,
            @Nullable RemoteSnapshotSource remote,
            SnapshotActivity activity) {
        SnapshotRestorer restorer = new SnapshotRestorer();
        this.interrupted = new InterruptedRestore(restorer, clock);
        this.ifMissing = new RestoreIfMissing(clock, restorer, remote);
        this.onRequest = new RestoreOnRequest(settings, keep, clock, restorer, remote, activity);
        this.onDowngrade = new DowngradeRestore(settings, keep, clock, restorer, remote, activity);
        this.rehearsal = new Rehearsal(clock);
        this.onFailure = new RestoreOnFailure(restorer, clock);
        this.crashLoops = new CrashLoops(clock);
    }

    /**
     * Completes a restore that a crash cut short ({@link InterruptedRestore}).
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param backupDir the backup directory, where the restore's intent is journaled
     * @return the completed restore, or empty when none was interrupted
     * @throws RestoreException when it cannot be completed
     */
    public Optional<RestoreRecord> completeInterrupted(DataSource dataSource, DatabaseFile database, Path backupDir) {
        return this.interrupted.completeIfAny(dataSource, database, backupDir);
    }

    /**
     * Puts the newest good snapshot in place of a missing database file ({@link RestoreIfMissing}).
     * @param dataSource the application's data source
     * @param snapshotSettings how snapshots are taken and where they are
     * @return the restore, or empty when there was nothing to restore from
     * @throws RestoreException when a snapshot was found and could not be restored
     */
    public Optional<RestoreRecord> restoreIfMissing(DataSource dataSource, SnapshotSettings snapshotSettings) {
        return this.ifMissing.restoreIfMissing(dataSource, snapshotSettings);
    }

    /**
     * Carries out {@code restore.from}, if set ({@link RestoreOnRequest}).
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param snapshotSettings how snapshots are taken and where they are
     * @return what was done, or empty when no restore was asked for
     * @throws RestoreException when the request cannot be carried out
     */
    public Optional<RestoreRecord> restoreIfRequested(
            DataSource dataSource, DatabaseFile database, SnapshotSettings snapshotSettings) {
        return this.onRequest.restoreIfRequested(dataSource, database, snapshotSettings);
    }

    /**
     * Checks whether the database is ahead of the application and, when asked to, restores it
     * ({@link DowngradeRestore}).
     * @param info Flyway's view of the migrations, read before anything else of this run
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param snapshotSettings how snapshots are taken and where they are
     * @return what was found and done
     * @throws RestoreException when a restore was due and could not be carried out; nothing was changed
     */
    public DowngradeOutcome checkDowngrade(
            MigrationInfoService info,
            DataSource dataSource,
            DatabaseFile database,
            SnapshotSettings snapshotSettings) {
        return this.onDowngrade.check(info, dataSource, database, snapshotSettings);
    }

    /**
     * Runs a migrate step against a throwaway copy of the live database ({@link Rehearsal}).
     * @param flyway the application's Flyway, whose configuration the rehearsal reuses
     * @param database where the live database is
     * @param snapshotSettings how copies are taken and where snapshots go
     * @param migrateStep what migrates, given a Flyway configured like the application's but on the copy
     * @throws RehearsalException when the migrations fail on the copy, or the copy cannot be made
     */
    public void rehearse(
            Flyway flyway, DatabaseFile database, SnapshotSettings snapshotSettings, Consumer<Flyway> migrateStep) {
        this.rehearsal.rehearse(flyway, database, snapshotSettings, migrateStep);
    }

    /**
     * Restores the run's snapshot after a failed migration ({@link RestoreOnFailure}).
     * @param dataSource the application's data source
     * @param database where the live database is
     * @param snapshot the verified snapshot of this run
     * @param failure why the migration failed
     * @return what came of the restore
     */
    public RestoreRecord restoreOnFailure(
            DataSource dataSource, DatabaseFile database, Path snapshot, Throwable failure) {
        return this.onFailure.restore(dataSource, database, snapshot, failure);
    }

    /**
     * Returns the crash loop this boot continues ({@link CrashLoops#previous}).
     * @param directory the backup directory of the database
     * @param database the live database
     * @return the loop so far, or empty when the previous boot did not fail and restore
     */
    public Optional<CrashLoop> previousCrashLoop(SnapshotDirectory directory, DatabaseFile database) {
        return this.crashLoops.previous(directory, database);
    }

    /**
     * Returns the crash loop whose snapshot this boot may use as its pre-migrate snapshot
     * ({@link CrashLoops#reusable}).
     * @param dataSource the application's data source
     * @param directory the backup directory of the database
     * @param database the live database
     * @return the loop, or empty when there is none or the snapshot cannot stand for this boot
     */
    public Optional<CrashLoop> reusableCrashLoop(
            DataSource dataSource, SnapshotDirectory directory, DatabaseFile database) {
        return this.crashLoops.reusable(dataSource, directory, database);
    }

    /**
     * Records a restore after a failed migration for the next boot ({@link CrashLoops#recordRestore}).
     * @param dataSource the application's data source
     * @param directory the backup directory of the database
     * @param database the live database
     * @param restored the snapshot just restored
     * @param previous the loop this boot continued, if any
     * @return the loop with this boot counted
     */
    public CrashLoop recordCrashLoop(
            DataSource dataSource,
            SnapshotDirectory directory,
            DatabaseFile database,
            Snapshot restored,
            Optional<CrashLoop> previous) {
        return this.crashLoops.recordRestore(dataSource, directory, database, restored, previous);
    }

    /**
     * Ends the crash loop: this boot migrated, or found nothing to migrate ({@link CrashLoops#end}).
     * @param directory the backup directory of the database
     */
    public void endCrashLoop(SnapshotDirectory directory) {
        this.crashLoops.end(directory);
    }
}
