package io.github.migrationguard.snapshot;

/**
 * How thoroughly a snapshot is checked before it gets its final name.
 */
public enum Verification {

    /**
     * No check beyond the copy itself.
     */
    NONE,

    /**
     * Page count, schema and Flyway history table are readable.
     */
    HEADER,

    /**
     * {@code PRAGMA quick_check}.
     */
    QUICK,

    /**
     * {@code PRAGMA integrity_check}.
     */
    FULL
}
