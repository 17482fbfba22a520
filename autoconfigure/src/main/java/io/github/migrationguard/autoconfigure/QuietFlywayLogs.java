package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.FlywayLogs;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Quiets Flyway's INFO lines through the application's logging system while the guard runs a Flyway command of its
 * own: {@code org.flywaydb} goes to WARN for that command and back to its configured level after it. Only when Flyway
 * logs at exactly INFO: an application that asked for Flyway's DEBUG lines gets all of them, one that quieted Flyway
 * already has nothing to quiet.
 */
final class QuietFlywayLogs implements FlywayLogs {

    static final String FLYWAY_LOGGER = "org.flywaydb";

    /**
     * The one quiet window of the JVM (the logger's level is JVM-wide): opened by the first quiet command, closed by
     * the last one running. Commands of guards of other data sources share it and never wait for each other; only
     * opening and closing it are serialised, so that no command restores the level under another one.
     */
    private static final Window window = new Window();

    private final LoggingSystem loggingSystem;

    QuietFlywayLogs(LoggingSystem loggingSystem) {
        this.loggingSystem = loggingSystem;
    }

    @Override
    public <T> T quietly(Supplier<T> command) {
        if (!window.enter(this.loggingSystem)) {
            return command.get();
        }
        try {
            return command.get();
        } finally {
            window.leave();
        }
    }

    private static final class Window {

        private int commands;

        private @Nullable LoggingSystem quietedBy;

        private @Nullable LogLevel configured;

        /**
         * Counts a command in, quieting Flyway when it is the first.
         * @return whether the command runs in the quiet window (and must {@link #leave()}); false when Flyway does
         * not log at exactly INFO
         */
        synchronized boolean enter(LoggingSystem loggingSystem) {
            if (this.commands > 0) {
                this.commands++;
                return true;
            }
            LoggerConfiguration flyway = loggingSystem.getLoggerConfiguration(FLYWAY_LOGGER);
            // Before Flyway first logs, its logger may not exist yet: it then inherits from the root logger
            LoggerConfiguration effective =
                    (flyway != null) ? flyway : loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
            if (effective == null || effective.getEffectiveLevel() != LogLevel.INFO) {
                return false;
            }
            this.configured = (flyway != null) ? flyway.getConfiguredLevel() : null;
            this.quietedBy = loggingSystem;
            loggingSystem.setLogLevel(FLYWAY_LOGGER, LogLevel.WARN);
            this.commands = 1;
            return true;
        }

        synchronized void leave() {
            this.commands--;
            if (this.commands == 0 && this.quietedBy != null) {
                this.quietedBy.setLogLevel(FLYWAY_LOGGER, this.configured);
                this.quietedBy = null;
            }
        }
    }
}
