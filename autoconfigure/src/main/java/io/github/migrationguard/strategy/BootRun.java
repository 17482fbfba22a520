package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.lint.LintFinding;
import io.github.migrationguard.restore.CrashLoop;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.SchemaAhead;
import io.github.migrationguard.snapshot.DatabaseFile;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one guarded run has done so far, step by step, so that it can be recorded whatever step it ends in. Used by the
 * thread that runs the migration only.
 */
final class BootRun {

    private DatabaseFile database;

    private final long start = System.nanoTime();

    private final List<LintFinding> findings = new ArrayList<>();

    private final List<RestoreRecord> restores = new ArrayList<>();

    private GuardStep step = GuardStep.RESTORE_ON_REQUEST;

    private PendingMigrations pending = new PendingMigrations(0, null, null);

    private RunSnapshot snapshot;

    private @Nullable CrashLoop crashLoop;

    private List<Heal> heals = List.of();

    private boolean recorded;

    private SchemaAhead ahead;

    BootRun(DatabaseFile database) {
        this.database = database;
    }

    void enter(GuardStep step) {
        this.step = step;
    }

    GuardStep step() {
        return this.step;
    }

    /**
     * Records where the database is once a restore created its file (a new machine restored with
     * {@code restore.if-missing}).
     */
    void located(DatabaseFile database) {
        this.database = database;
    }

    DatabaseFile database() {
        return this.database;
    }

    long start() {
        return this.start;
    }

    PendingMigrations pending() {
        return this.pending;
    }

    void planned(PendingMigrations pending) {
        this.pending = pending;
    }

    /**
     * Returns the pre-migrate snapshot of this run.
     * @return the snapshot, or {@code null} before the snapshot step
     */
    /**
     * Returns the crash loop this run continues or started.
     * @return the loop, or {@code null} when the previous boot did not fail and this one did not restore
     */
    @Nullable
    CrashLoop crashLoop() {
        return this.crashLoop;
    }

    void crashLoop(@Nullable CrashLoop crashLoop) {
        this.crashLoop = crashLoop;
    }

    RunSnapshot snapshot() {
        return this.snapshot;
    }

    void snapshot(RunSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    List<Heal> heals() {
        return this.heals;
    }

    void healed(List<Heal> heals) {
        this.heals = List.copyOf(heals);
    }

    List<LintFinding> findings() {
        return this.findings;
    }

    List<RestoreRecord> restores() {
        return this.restores;
    }

    /**
     * Returns whether the database is ahead of the application.
     * @return the finding, or {@code null} when it is not ahead or before the check
     */
    SchemaAhead ahead() {
        return this.ahead;
    }

    void ahead(SchemaAhead ahead) {
        this.ahead = ahead;
    }

    boolean recorded() {
        return this.recorded;
    }

    void markRecorded() {
        this.recorded = true;
    }
}
