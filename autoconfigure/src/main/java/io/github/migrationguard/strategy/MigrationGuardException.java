package io.github.migrationguard.strategy;

/**
 * Thrown when migration-guard stops startup; the message says why and what to do.
 */
public class MigrationGuardException extends RuntimeException {

    public MigrationGuardException(String message) {
        super(message);
    }

    public MigrationGuardException(String message, Throwable cause) {
        super(message, cause);
    }
}
