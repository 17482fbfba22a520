package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.Heal;
import io.github.migrationguard.restore.CrashLoop;
import io.github.migrationguard.restore.RestoreRecord;
import io.github.migrationguard.restore.RestoreTrigger;
import io.github.migrationguard.restore.SchemaAhead;
import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Everything migration-guard did since the application started, as one immutable value: the last run (with its crash
 * loop and a database ahead of the application), the last snapshot attempt and snapshot, and the tallies the meters
 * count. Every step publishes by replacing it with the result of one of the {@code with...} functions (see
 * {@link MigrationReports}); health, metrics and the endpoint read one value per request and never change it.
 *
 * @param lastRun the report of the latest guarded run, or {@code null} before the first
 * @param notGuarded why startup migrated where the guard cannot reach, or {@code null}
 * @param lastAttempt the latest snapshot attempt of any label, or {@code null} before the first
 * @param lastSnapshot the latest snapshot taken (verified, under its final name) of any label, or {@code null}
 * @param snapshots snapshot attempts by label and outcome
 * @param runs guarded runs by outcome
 * @param restores restores and restore requests by trigger and outcome
 * @param heals healed versions by version and reason, sorted
 * @param pruned snapshots deleted by retention
 */
public record GuardState(
        @Nullable MigrationReport lastRun,
        @Nullable String notGuarded,
        @Nullable SnapshotAttempt lastAttempt,
        @Nullable Snapshot lastSnapshot,
        Map<SnapshotKey, Tally> snapshots,
        Map<MigrationReport.Outcome, Tally> runs,
        Map<RestoreKey, Long> restores,
        Map<HealKey, Long> heals,
        long pruned) {

    /**
     * The state of an application that has not started to migrate yet.
     */
    public static final GuardState EMPTY =
            new GuardState(null, null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), 0);

    /**
     * What starts a restore, as the {@code trigger} tag of {@code migration.guard.restore} names it. {@code manual}
     * is part of the published meter and stays at 0: the starter restores nothing on request while running.
     */
    public static final List<String> RESTORE_TRIGGERS = Stream.concat(
                    Arrays.stream(RestoreTrigger.values()).map(RestoreTrigger::value), Stream.of("manual"))
            .toList();

    /**
     * How a restore ends, as the {@code outcome} tag of {@code migration.guard.restore} names it.
     */
    public static final List<String> RESTORE_OUTCOMES = Arrays.stream(RestoreRecord.Outcome.values())
            .map(RestoreRecord.Outcome::value)
            .toList();

    public GuardState {
        snapshots = Map.copyOf(snapshots);
        runs = Map.copyOf(runs);
        restores = Map.copyOf(restores);
        heals = Collections.unmodifiableMap(new TreeMap<>(heals));
    }

    /**
     * Returns this state after a guarded run: its report, its outcome, heals and restores counted, and its snapshot
     * unless still being verified (counted once settled, {@link #withSettled}).
     * @param report the run's report
     * @return the new state
     */
    public GuardState withRun(MigrationReport report) {
        GuardState state = change((next) -> {
            next.lastRun = report;
            next.runs = plus(next.runs, report.outcome(), Tally.of(report.duration()));
            for (Heal heal : report.heals()) {
                next.heals = plusOne(
                        next.heals, new HealKey(heal.version(), heal.reason().value()));
            }
            for (RestoreRecord restore : report.restores()) {
                next.restores = plusOne(
                        next.restores,
                        new RestoreKey(
                                restore.trigger().value(), restore.outcome().value()));
            }
        });
        boolean settled = report.snapshot() != null && report.snapshot().outcome() != SnapshotAttempt.Outcome.VERIFYING;
        return settled ? state.withSnapshot(report.snapshot()) : state;
    }

    /**
     * Returns this state after an attempt to take a snapshot, whatever came of it.
     * @param attempt the attempt
     * @return the new state
     */
    public GuardState withSnapshot(SnapshotAttempt attempt) {
        return change((next) -> {
            next.lastAttempt = attempt;
            if (attempt.snapshot() != null) {
                next.lastSnapshot = attempt.snapshot();
            }
            next.snapshots = plus(
                    next.snapshots, new SnapshotKey(attempt.label(), attempt.outcome()), Tally.of(attempt.duration()));
        });
    }

    /**
     * Returns this state once the snapshot of a run that was still being verified when the run was recorded has
     * settled: counted, and shown in the run's report unless a newer run has been recorded since.
     * @param recorded the report recorded with the snapshot still verifying
     * @param settled the snapshot's final attempt
     * @return the new state, or this one when the report's snapshot was not verifying
     */
    public GuardState withSettled(MigrationReport recorded, SnapshotAttempt settled) {
        if (recorded.snapshot() == null || recorded.snapshot().outcome() != SnapshotAttempt.Outcome.VERIFYING) {
            return this;
        }
        GuardState state = withSnapshot(settled);
        if (this.lastRun != recorded) {
            return state;
        }
        return state.change((next) -> next.lastRun = recorded.withSnapshot(settled));
    }

    /**
     * Returns this state after retention deleted snapshots.
     * @param count how many were deleted
     * @return the new state
     */
    public GuardState withPruned(int count) {
        return change((next) -> next.pruned += count);
    }

    /**
     * Returns this state once startup ended without a guarded run.
     * @param reason why migrations are not guarded, for health
     * @return the new state
     */
    public GuardState withNotGuarded(String reason) {
        return change((next) -> next.notGuarded = reason);
    }

    /** A copy of this state with some fields replaced: the one place a new state is put together. */
    private GuardState change(Consumer<Draft> change) {
        Draft next = new Draft(this);
        change.accept(next);
        return new GuardState(
                next.lastRun,
                next.notGuarded,
                next.lastAttempt,
                next.lastSnapshot,
                next.snapshots,
                next.runs,
                next.restores,
                next.heals,
                next.pruned);
    }

    /**
     * Returns why migrations are not guarded, until a guarded run is recorded.
     * @return the reason, or empty while migrations are guarded
     */
    public Optional<String> notGuardedReason() {
        return (this.lastRun != null) ? Optional.empty() : Optional.ofNullable(this.notGuarded);
    }

    public Tally snapshots(SnapshotLabel label, SnapshotAttempt.Outcome outcome) {
        return this.snapshots.getOrDefault(new SnapshotKey(label, outcome), Tally.ZERO);
    }

    public Tally runs(MigrationReport.Outcome outcome) {
        return this.runs.getOrDefault(outcome, Tally.ZERO);
    }

    public long restores(String trigger, String outcome) {
        return this.restores.getOrDefault(new RestoreKey(trigger, outcome), 0L);
    }

    public long heals(HealKey key) {
        return this.heals.getOrDefault(key, 0L);
    }

    /**
     * Returns the crash loop the last run continued or started.
     * @return the crash loop, or empty when the last boot did not fail and restore (or before the first run)
     */
    public Optional<CrashLoop> crashLoop() {
        return Optional.ofNullable(this.lastRun).map(MigrationReport::crashLoop);
    }

    /**
     * Returns whether the last run found the database ahead of the application.
     * @return what is ahead, or empty
     */
    public Optional<SchemaAhead> ahead() {
        return Optional.ofNullable(this.lastRun).map(MigrationReport::ahead);
    }

    private static <K> Map<K, Tally> plus(Map<K, Tally> tallies, K key, Tally more) {
        Map<K, Tally> next = new HashMap<>(tallies);
        next.merge(key, more, Tally::plus);
        return next;
    }

    private static <K> Map<K, Long> plusOne(Map<K, Long> counts, K key) {
        Map<K, Long> next = new HashMap<>(counts);
        next.merge(key, 1L, Long::sum);
        return next;
    }

    /** The fields of the next state while a change replaces some of them; never leaves {@link #change}. */
    private static final class Draft {

        @Nullable
        MigrationReport lastRun;

        @Nullable
        String notGuarded;

        @Nullable
        SnapshotAttempt lastAttempt;

        @Nullable
        Snapshot lastSnapshot;

        Map<SnapshotKey, Tally> snapshots;

        Map<MigrationReport.Outcome, Tally> runs;

        Map<RestoreKey, Long> restores;

        Map<HealKey, Long> heals;

        long pruned;

        Draft(GuardState state) {
            this.lastRun = state.lastRun;
            this.notGuarded = state.notGuarded;
            this.lastAttempt = state.lastAttempt;
            this.lastSnapshot = state.lastSnapshot;
            this.snapshots = state.snapshots;
            this.runs = state.runs;
            this.restores = state.restores;
            this.heals = state.heals;
            this.pruned = state.pruned;
        }
    }

    /**
     * A count and a total duration, read by function timers.
     *
     * @param count how many
     * @param totalNanos their total duration
     */
    public record Tally(long count, long totalNanos) {

        static final Tally ZERO = new Tally(0, 0);

        static Tally of(@Nullable Duration duration) {
            return new Tally(1, (duration != null) ? duration.toNanos() : 0);
        }

        Tally plus(Tally other) {
            return new Tally(this.count + other.count, this.totalNanos + other.totalNanos);
        }
    }

    /**
     * A healed version and why it was safe to heal.
     *
     * @param version the migration version
     * @param reason {@code allowlist} or {@code fingerprint}
     */
    public record HealKey(String version, String reason) implements Comparable<HealKey> {

        @Override
        public int compareTo(HealKey other) {
            int byVersion = this.version.compareTo(other.version);
            return (byVersion != 0) ? byVersion : this.reason.compareTo(other.reason);
        }
    }

    /**
     * The tags of a snapshot tally.
     *
     * @param label the label
     * @param outcome the outcome
     */
    public record SnapshotKey(SnapshotLabel label, SnapshotAttempt.Outcome outcome) {}

    /**
     * The tags of a restore count.
     *
     * @param trigger what started it
     * @param outcome how it ended
     */
    public record RestoreKey(String trigger, String outcome) {}
}
