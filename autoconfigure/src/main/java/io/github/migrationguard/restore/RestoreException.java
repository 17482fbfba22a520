package io.github.migrationguard.restore;

/**
 * Thrown when a snapshot cannot be restored into the live database; the message says what failed and what to do.
 */
public class RestoreException extends RuntimeException {

    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
