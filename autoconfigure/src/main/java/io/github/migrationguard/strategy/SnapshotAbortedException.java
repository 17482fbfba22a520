package io.github.migrationguard.strategy;

/**
 * Thrown when the pre-migrate snapshot failed and {@code migration-guard.snapshot.on-failure=abort} stops startup;
 * nothing was migrated or healed.
 */
public class SnapshotAbortedException extends MigrationGuardException {

    public SnapshotAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
