package io.github.migrationguard.remote;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Internal: holds the one {@link RemoteState} of the application's off-machine copies. The copy thread and restores
 * publish by replacing it atomically with a pure function of the previous state, so that concurrent publishes never
 * lose one another; the remote health indicator and meters read it.
 */
public final class RemoteActivity {

    private final AtomicReference<RemoteState> state;

    /**
     * Creates the holder of the copies to one bucket, before anything was copied.
     * @param location the bucket and prefix
     */
    public RemoteActivity(RemoteLocation location) {
        this.state = new AtomicReference<>(RemoteState.initial(location));
    }

    /**
     * Returns the current state.
     * @return the state, never changed once returned
     */
    public RemoteState state() {
        return this.state.get();
    }

    /**
     * Replaces the state with the change applied to it, retrying on a concurrent publish.
     * @param change a pure function of the previous state: it may run more than once
     */
    void publish(UnaryOperator<RemoteState> change) {
        this.state.updateAndGet(change);
    }
}
