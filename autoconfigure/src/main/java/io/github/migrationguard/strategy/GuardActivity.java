package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotLabel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Everything migration-guard did since the application started, accumulated from the run reports and from the
 * snapshots taken while the application runs; read by health, metrics and the endpoint. Thread-safe.
 */
public final class GuardActivity {

    /**
     * What started a restore, as the {@code trigger} tag of {@code migration.guard.restore} names it.
     */
    public static final List<String> RESTORE_TRIGGERS = List.of("failure", "startup", "downgrade", "manual");

    /**
     * How a restore ended, as the {@code outcome} tag of {@code migration.guard.restore} names it.
     */
    public static final List<String> RESTORE_OUTCOMES = List.of("success", "failure", "skipped");

    private final Map<SnapshotTallyKey, Tally> snapshots = new ConcurrentHashMap<>();

    private final Map<MigrationReport.Outcome, Tally> migrations = new ConcurrentHashMap<>();

    private final Map<RestoreKey, LongAdder> restores = new ConcurrentHashMap<>();

    private final Map<HealKey, LongAdder> heals = new ConcurrentHashMap<>();

    private final List<Consumer<HealKey>> healListeners = new CopyOnWriteArrayList<>();

    private final List<Consumer<Snapshot>> snapshotListeners = new CopyOnWriteArrayList<>();

    private final LongAdder pruned = new LongAdder();

    private final AtomicReference<SnapshotAttempt> lastAttempt = new AtomicReference<>();

    private final AtomicReference<Snapshot> lastSnapshot = new AtomicReference<>();

    /**
     * Records what a guarded migration run did.
     * @param report the run's report
     */
    public void recordRun(MigrationReport report) {
        this.migrations
                .computeIfAbsent(report.outcome(), (outcome) -> new Tally())
                .add(report.duration());
        // A snapshot still being verified is counted once settled (MigrationReports.snapshotSettled)
        if (report.snapshot() != null && report.snapshot().outcome() != SnapshotAttempt.Outcome.VERIFYING) {
            recordSnapshot(report.snapshot());
        }
        report.heals()
                .forEach((heal) -> recordHeal(heal.version(), heal.reason().tag()));
        report.restores()
                .forEach((restore) -> recordRestore(
                        restore.trigger().value(), restore.outcome().value()));
    }

    /**
     * Records an attempt to take a snapshot, whatever came of it.
     * @param attempt the attempt
     */
    public void recordSnapshot(SnapshotAttempt attempt) {
        this.snapshots
                .computeIfAbsent(new SnapshotTallyKey(attempt.label(), attempt.outcome()), (key) -> new Tally())
                .add(attempt.duration());
        this.lastAttempt.set(attempt);
        if (attempt.snapshot() != null) {
            this.lastSnapshot.set(attempt.snapshot());
            this.snapshotListeners.forEach((listener) -> listener.accept(attempt.snapshot()));
        }
    }

    /**
     * Registers a callback told about every snapshot that got its final name, verified, such as off-machine copies.
     * @param listener the callback; it must return quickly
     */
    public void onSnapshotTaken(Consumer<Snapshot> listener) {
        this.snapshotListeners.add(listener);
    }

    /**
     * Records snapshots deleted by retention.
     * @param count how many were deleted
     */
    public void recordPruned(int count) {
        this.pruned.add(count);
    }

    /**
     * Records a restore of a snapshot into the live database, or a restore request.
     * @param trigger what started it, one of {@link #RESTORE_TRIGGERS}
     * @param outcome how it ended, one of {@link #RESTORE_OUTCOMES}
     */
    public void recordRestore(String trigger, String outcome) {
        this.restores
                .computeIfAbsent(new RestoreKey(trigger, outcome), (key) -> new LongAdder())
                .increment();
    }

    /**
     * Records a healed checksum drift.
     * @param version the healed migration version
     * @param reason why it was safe to heal: {@code allowlist} or {@code fingerprint}
     */
    public void recordHeal(String version, String reason) {
        HealKey key = new HealKey(version, reason);
        boolean first = this.heals.putIfAbsent(key, new LongAdder()) == null;
        this.heals.get(key).increment();
        if (first) {
            this.healListeners.forEach((listener) -> listener.accept(key));
        }
    }

    /**
     * Registers a callback told about every version and reason that heals for the first time, so that tagged meters
     * can be registered when they first have a value.
     * @param listener the callback
     */
    public void onFirstHeal(Consumer<HealKey> listener) {
        this.healListeners.add(listener);
    }

    public Tally snapshots(SnapshotLabel label, SnapshotAttempt.Outcome outcome) {
        return this.snapshots.computeIfAbsent(new SnapshotTallyKey(label, outcome), (key) -> new Tally());
    }

    public Tally migrations(MigrationReport.Outcome outcome) {
        return this.migrations.computeIfAbsent(outcome, (key) -> new Tally());
    }

    public long pruned() {
        return this.pruned.sum();
    }

    public long restores(String trigger, String outcome) {
        LongAdder count = this.restores.get(new RestoreKey(trigger, outcome));
        return (count != null) ? count.sum() : 0;
    }

    /**
     * Returns how often each version healed, and why.
     * @return the counts by version and reason
     */
    public Map<HealKey, Long> heals() {
        Map<HealKey, Long> counts = new TreeMap<>();
        this.heals.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    public long heals(HealKey key) {
        LongAdder count = this.heals.get(key);
        return (count != null) ? count.sum() : 0;
    }

    /**
     * Returns the latest snapshot attempt, of any label.
     * @return the attempt, or empty when none was made
     */
    public Optional<SnapshotAttempt> lastAttempt() {
        return Optional.ofNullable(this.lastAttempt.get());
    }

    /**
     * Returns the latest snapshot that was taken, of any label.
     * @return the snapshot, or empty when none was taken
     */
    public Optional<Snapshot> lastSnapshot() {
        return Optional.ofNullable(this.lastSnapshot.get());
    }

    /**
     * A count and a total duration, read by function timers.
     */
    public static final class Tally {

        private final LongAdder count = new LongAdder();

        private final LongAdder nanos = new LongAdder();

        void add(Duration duration) {
            this.count.increment();
            this.nanos.add((duration != null) ? duration.toNanos() : 0);
        }

        public long count() {
            return this.count.sum();
        }

        public double totalNanos() {
            return this.nanos.sum();
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

    private record SnapshotTallyKey(SnapshotLabel label, SnapshotAttempt.Outcome outcome) {}

    private record RestoreKey(String trigger, String outcome) {}
}
