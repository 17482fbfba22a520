package io.github.migrationguard.restore;

import java.nio.file.Path;
import java.sql.Connection;

/**
 * For fault tests in other packages and their child processes: restores a snapshot into a live database through the
 * package-private {@link SnapshotRestorer}, as every restore step does.
 */
public final class RestoreInto {

    private RestoreInto() {}

    /**
     * Restores a snapshot into the live database a connection holds.
     * @param live a connection to the live database
     * @param snapshot a verified snapshot file
     */
    public static void restore(Connection live, Path snapshot) {
        new SnapshotRestorer().restoreInto(live, snapshot);
    }
}
