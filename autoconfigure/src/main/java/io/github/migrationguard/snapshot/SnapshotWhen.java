package io.github.migrationguard.snapshot;

/**
 * When a snapshot is taken at startup.
 */
public enum SnapshotWhen {

    /**
     * Only when Flyway has pending migrations.
     */
    PENDING,

    /**
     * At every startup.
     */
    ALWAYS
}
