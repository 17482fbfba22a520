package io.github.migrationguard.strategy;

import java.util.function.Supplier;

/**
 * Quiets Flyway's INFO lines while the guard runs a Flyway command of its own: the look before migrating, the read-back
 * after an application's own step or a restore, and the rehearsal on a copy. Flyway logs its banner
 * ({@code Database: jdbc:sqlite:...}), "Schema history table ... does not exist yet" and "Successfully validated" for
 * every command, so without this a guarded boot logs them once more than a plain {@code flyway.migrate()}. WARN and
 * ERROR lines are never quieted. Logging is the application's, so the Spring Boot starter supplies an implementation
 * backed by its logging system; the engine alone leaves Flyway's logging as it is ({@link #UNCHANGED}).
 */
public interface FlywayLogs {

    /**
     * Leaves Flyway's logging as it is: the guard's own commands log Flyway's lines too.
     */
    FlywayLogs UNCHANGED = new FlywayLogs() {

        @Override
        public <T> T quietly(Supplier<T> command) {
            return command.get();
        }
    };

    /**
     * Runs one of the guard's own Flyway commands with Flyway's INFO lines quieted.
     * @param command the command
     * @param <T> what the command returns
     * @return what the command returned
     */
    <T> T quietly(Supplier<T> command);
}
