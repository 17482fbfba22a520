package io.github.migrationguard.snapshot;

/**
 * How a snapshot copies the database.
 */
public enum SnapshotMethod {

    /**
     * Hold the write lock with an empty WAL and copy the file through the kernel.
     */
    FILE_COPY,

    /**
     * SQLite's online backup API, in one step.
     */
    BACKUP_API,

    /**
     * {@code VACUUM INTO}: a compacted copy.
     */
    VACUUM_INTO,

    /**
     * At startup, {@link #FILE_COPY} when the write lock and an empty WAL can be had at once, else
     * {@link #BACKUP_API}. While the application runs, a clone under the write lock when the file system can clone
     * and the lock with a complete checkpoint can be had within 500 ms, else {@link #BACKUP_API}.
     */
    AUTO
}
