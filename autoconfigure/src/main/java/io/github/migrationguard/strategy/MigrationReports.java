package io.github.migrationguard.strategy;

import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotActivity;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Holds the one {@link GuardState} of the application: every step (runs, snapshots taken at startup, while running or
 * verified in the background, retention, restores) publishes by replacing it atomically with a pure function of the
 * previous state, so that concurrent publishes never lose one another; health, metrics and the endpoint read it.
 * Callbacks told about new snapshots and newly healed versions are fed from the published changes.
 */
public class MigrationReports implements SnapshotActivity {

    private static final Log logger = LogFactory.getLog(MigrationReports.class);

    private final AtomicReference<GuardState> state = new AtomicReference<>(GuardState.EMPTY);

    private final List<Consumer<Snapshot>> snapshotListeners = new CopyOnWriteArrayList<>();

    private final List<Consumer<GuardState.HealKey>> healListeners = new CopyOnWriteArrayList<>();

    /**
     * Returns the current state.
     * @return the state, never changed once returned
     */
    public GuardState state() {
        return this.state.get();
    }

    /**
     * Records the report of a run that just ended.
     * @param report the report
     */
    public void record(MigrationReport report) {
        publish((state) -> state.withRun(report));
    }

    /**
     * Records the final outcome of a snapshot that was still being verified when its run was recorded: counts it,
     * and updates the report unless a newer run has been recorded since.
     * @param recorded the report recorded earlier
     * @param settled the snapshot's final attempt
     */
    public void snapshotSettled(MigrationReport recorded, SnapshotAttempt settled) {
        publish((state) -> state.withSettled(recorded, settled));
    }

    @Override
    public void recordSnapshot(SnapshotAttempt attempt) {
        publish((state) -> state.withSnapshot(attempt));
    }

    @Override
    public void recordPruned(int count) {
        if (count > 0) {
            publish((state) -> state.withPruned(count));
        }
    }

    /**
     * Records that startup ended without a guarded run: the application migrates where the guard cannot reach.
     * @param reason why, for health
     */
    public void notGuarded(String reason) {
        publish((state) -> state.withNotGuarded(reason));
    }

    /**
     * Returns why migrations are not guarded, until a guarded run is recorded.
     * @return the reason, or empty while migrations are guarded
     */
    public Optional<String> notGuardedReason() {
        return state().notGuardedReason();
    }

    /**
     * Returns the report of the latest run.
     * @return the report, or empty before the first run
     */
    public Optional<MigrationReport> last() {
        return Optional.ofNullable(state().lastRun());
    }

    /**
     * Registers a callback told about every snapshot that got its final name, verified, such as off-machine copies.
     * @param listener the callback; it runs on the publishing thread and must return quickly
     */
    public void onSnapshotTaken(Consumer<Snapshot> listener) {
        this.snapshotListeners.add(listener);
    }

    /**
     * Registers a callback told about every version and reason that heals for the first time, so that tagged meters
     * can be registered when they first have a value.
     * @param listener the callback; it runs on the publishing thread and must return quickly
     */
    public void onFirstHeal(Consumer<GuardState.HealKey> listener) {
        this.healListeners.add(listener);
    }

    /**
     * Replaces the state with the change applied to it, retrying on a concurrent publish (what
     * {@code updateAndGet} does, kept by hand because the callbacks need the state the change replaced).
     * @param change a pure function of the previous state: it may run more than once
     * @return the published state
     */
    GuardState publish(UnaryOperator<GuardState> change) {
        GuardState previous;
        GuardState next;
        do {
            previous = this.state.get();
            next = change.apply(previous);
        } while (!this.state.compareAndSet(previous, next));
        tell(previous, next);
        return next;
    }

    private void tell(GuardState previous, GuardState next) {
        Snapshot taken = next.lastSnapshot();
        if (taken != null && taken != previous.lastSnapshot()) {
            this.snapshotListeners.forEach((listener) -> safely(listener, taken));
        }
        next.heals().keySet().stream()
                .filter((key) -> !previous.heals().containsKey(key))
                .forEach((key) -> this.healListeners.forEach((listener) -> safely(listener, key)));
    }

    // A failing callback (an off-machine copy that cannot be queued) must not fail the step that published
    private static <T> void safely(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException ex) {
            logger.warn("A migration-guard callback failed on " + value + ": " + ex.getMessage());
        }
    }
}
