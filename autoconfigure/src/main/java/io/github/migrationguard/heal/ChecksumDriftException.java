package io.github.migrationguard.heal;

/**
 * Thrown when an applied migration's file changed in a way self-heal can neither prove harmless nor was told to
 * accept; the database is left untouched and the message says what to do.
 */
public class ChecksumDriftException extends RuntimeException {

    public ChecksumDriftException(String message) {
        super(message);
    }

    public ChecksumDriftException(String message, Throwable cause) {
        super(message, cause);
    }
}
