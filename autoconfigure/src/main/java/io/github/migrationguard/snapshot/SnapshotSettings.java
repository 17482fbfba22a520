package io.github.migrationguard.snapshot;

import java.nio.file.Path;

/**
 * How snapshots are taken.
 *
 * @param dir where snapshots go, or {@code null} for {@code backups} beside the database file
 * @param method how the database is copied
 * @param verification how a copy is checked before it gets its final name
 * @param minFreeSpaceBytes free space the directory must keep after the copy
 * @param historyTable the Flyway schema history table, read by {@link Verification#HEADER}
 */
public record SnapshotSettings(
        Path dir, SnapshotMethod method, Verification verification, long minFreeSpaceBytes, String historyTable) {

    /**
     * Default backup directory name, beside the database file.
     */
    public static final String DEFAULT_DIR_NAME = "backups";

    /**
     * Returns the default settings: {@code backups} beside the database, {@code auto} method, {@code quick}
     * verification, no free-space floor; the history table is the one Flyway is configured with.
     * @return the default settings
     */
    public static SnapshotSettings defaults() {
        return new SnapshotSettings(null, SnapshotMethod.AUTO, Verification.QUICK, 0, null);
    }

    public SnapshotSettings {
        if (minFreeSpaceBytes < 0) {
            throw new IllegalArgumentException("minFreeSpaceBytes must not be negative, was " + minFreeSpaceBytes);
        }
        method = (method != null) ? method : SnapshotMethod.AUTO;
        verification = (verification != null) ? verification : Verification.QUICK;
    }

    /**
     * Returns these settings with another history table.
     * @param table the Flyway schema history table
     * @return the new settings
     */
    public SnapshotSettings withHistoryTable(String table) {
        return new SnapshotSettings(this.dir, this.method, this.verification, this.minFreeSpaceBytes, table);
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
