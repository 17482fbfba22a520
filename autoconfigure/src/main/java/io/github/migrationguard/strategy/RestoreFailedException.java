package io.github.migrationguard.strategy;

/**
 * Thrown when a restore did not bring the database back: a {@code migration-guard.restore.from} request that could not
 * be carried out, or the restore after a failed migration. The message names the snapshot, SQLite's error and what to
 * do by hand.
 */
public class RestoreFailedException extends MigrationGuardException {

    public RestoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
