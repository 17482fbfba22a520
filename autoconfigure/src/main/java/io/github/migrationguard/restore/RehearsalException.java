package io.github.migrationguard.restore;

/**
 * Internal: thrown when the pending migrations fail against the throwaway copy; the live database was not touched.
 */
public class RehearsalException extends RuntimeException {

    public RehearsalException(String message, Throwable cause) {
        super(message, cause);
    }
}
