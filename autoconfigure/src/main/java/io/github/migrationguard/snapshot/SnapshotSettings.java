package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Plain settings of snapshots, free of Spring Boot: whether and when a snapshot is taken, how many are kept, what a
 * failed one does, and how a copy is made and checked.
 *
 * @param enabled whether to snapshot before migrating
 * @param keep snapshots kept per label; 0 disables snapshots
 * @param when when to snapshot before migrating
 * @param abortOnFailure whether a failed pre-migrate snapshot stops the run before anything is written
 * @param dir where snapshots go, or {@code null} for {@code backups} beside the database file
 * @param method how the database is copied
 * @param verification how a copy is checked before it gets its final name
 * @param minFreeSpaceBytes free space the directory must keep after the copy
 * @param historyTable the Flyway schema history table, read by {@link Verification#HEADER}; {@code null} for the
 * table of the Flyway being guarded, filled in by {@link #withFlywayTable(String)} where that Flyway is known
 */
public record SnapshotSettings(
        boolean enabled,
        int keep,
        SnapshotWhen when,
        boolean abortOnFailure,
        @Nullable Path dir,
        SnapshotMethod method,
        Verification verification,
        long minFreeSpaceBytes,
        @Nullable String historyTable) {

    /**
     * Default backup directory name, beside the database file.
     */
    public static final String DEFAULT_DIR_NAME = "backups";

    /**
     * Default number of snapshots kept per label.
     */
    public static final int DEFAULT_KEEP = 5;

    public SnapshotSettings {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative, was " + keep);
        }
        if (minFreeSpaceBytes < 0) {
            throw new IllegalArgumentException("minFreeSpaceBytes must not be negative, was " + minFreeSpaceBytes);
        }
        when = (when != null) ? when : SnapshotWhen.PENDING;
        method = (method != null) ? method : SnapshotMethod.AUTO;
        verification = (verification != null) ? verification : Verification.QUICK;
    }

    /**
     * Creates settings that say how copies are made, with the default policy: on, {@value #DEFAULT_KEEP} kept per
     * label, taken when migrations are pending, a failed one logged and the run going on.
     * @param dir where snapshots go, or {@code null} for {@code backups} beside the database file
     * @param method how the database is copied
     * @param verification how a copy is checked before it gets its final name
     * @param minFreeSpaceBytes free space the directory must keep after the copy
     * @param historyTable the Flyway schema history table, or {@code null} for the table of the Flyway being guarded
     */
    public SnapshotSettings(
            @Nullable Path dir,
            SnapshotMethod method,
            Verification verification,
            long minFreeSpaceBytes,
            @Nullable String historyTable) {
        this(
                true,
                DEFAULT_KEEP,
                SnapshotWhen.PENDING,
                false,
                dir,
                method,
                verification,
                minFreeSpaceBytes,
                historyTable);
    }

    /**
     * Returns the default settings: on, keep {@value #DEFAULT_KEEP}, when pending, continue on failure,
     * {@code backups} beside the database, {@code auto} method, {@code quick} verification, no free-space floor; the
     * history table is the one Flyway is configured with.
     * @return the default settings
     */
    public static SnapshotSettings defaults() {
        return new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
    }

    /**
     * Whether snapshots are taken at all: enabled, and at least one is kept.
     * @return whether snapshots are on
     */
    public boolean on() {
        return this.enabled && this.keep > 0;
    }

    /**
     * Returns these settings with the history table of the Flyway being guarded, unless one is set already.
     * @param flywayTable the schema history table Flyway is configured with
     * @return settings with a history table
     */
    public SnapshotSettings withFlywayTable(String flywayTable) {
        if (this.historyTable != null) {
            return this;
        }
        return new SnapshotSettings(
                this.enabled,
                this.keep,
                this.when,
                this.abortOnFailure,
                this.dir,
                this.method,
                this.verification,
                this.minFreeSpaceBytes,
                flywayTable);
    }

    /**
     * Returns the directory snapshots of the given database go to.
     * @param database the database file
     * @return the snapshot directory
     */
    public SnapshotDirectory directoryFor(Path database) {
        Path resolved = (this.dir != null) ? this.dir : database.resolveSibling(DEFAULT_DIR_NAME);
        return new SnapshotDirectory(resolved);
    }
}
