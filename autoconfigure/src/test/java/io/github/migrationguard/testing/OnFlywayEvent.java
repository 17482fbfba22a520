package io.github.migrationguard.testing;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * A Flyway callback that does one thing at one event, for tests that act at a precise point of a migration.
 *
 * @param event the event
 * @param name the callback's name
 * @param action what to do
 */
public record OnFlywayEvent(Event event, String name, Action action) implements Callback {

    @Override
    public boolean supports(Event event, Context context) {
        return event == this.event;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            this.action.run();
        } catch (Exception ex) {
            throw new IllegalStateException(this.name + " failed at " + event, ex);
        }
    }

    @Override
    public String getCallbackName() {
        return this.name;
    }

    /** What the callback does. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
