package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.strategy.FlywayLogs;
import java.util.function.Supplier;
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

    // Two guarded migrations quieting at once would restore each other's level: one quiet command at a time per JVM
    private static final Object monitor = new Object();

    private final LoggingSystem loggingSystem;

    QuietFlywayLogs(LoggingSystem loggingSystem) {
        this.loggingSystem = loggingSystem;
    }

    @Override
    public <T> T quietly(Supplier<T> command) {
        synchronized (monitor) {
            LoggerConfiguration flyway = this.loggingSystem.getLoggerConfiguration(FLYWAY_LOGGER);
            // Before Flyway first logs, its logger may not exist yet: it then inherits from the root logger
            LoggerConfiguration effective = (flyway != null)
                    ? flyway
                    : this.loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
            if (effective == null || effective.getEffectiveLevel() != LogLevel.INFO) {
                return command.get();
            }
            LogLevel configured = (flyway != null) ? flyway.getConfiguredLevel() : null;
            this.loggingSystem.setLogLevel(FLYWAY_LOGGER, LogLevel.WARN);
            try {
                return command.get();
            } finally {
                this.loggingSystem.setLogLevel(FLYWAY_LOGGER, configured);
            }
        }
    }
}
