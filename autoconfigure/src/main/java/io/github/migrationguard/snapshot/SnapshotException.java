package io.github.migrationguard.snapshot;

/**
 * Internal: thrown when a snapshot cannot be taken, verified or stored. The message says what failed and what to check.
 */
public class SnapshotException extends RuntimeException {

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
