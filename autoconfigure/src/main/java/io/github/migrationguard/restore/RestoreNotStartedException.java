package io.github.migrationguard.restore;

/**
 * Thrown when a restore could not take the live database's write lock in time: the live database was not changed.
 */
public class RestoreNotStartedException extends RestoreException {

    public RestoreNotStartedException(String message) {
        super(message);
    }
}
