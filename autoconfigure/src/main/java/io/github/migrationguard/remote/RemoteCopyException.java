package io.github.migrationguard.remote;

/**
 * Internal: thrown when a snapshot cannot be copied to or read from the bucket. The message says what went wrong with
 * which object and what to do; it never holds a secret.
 */
public class RemoteCopyException extends RuntimeException {

    public RemoteCopyException(String message, Throwable cause) {
        super(message, cause);
    }

    public RemoteCopyException(String message) {
        super(message);
    }
}
