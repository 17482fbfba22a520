package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Path;
import java.util.List;

/**
 * A place that holds snapshots a restore at startup may use: the backup directory, and the bucket once snapshots are
 * copied off the machine. A restore reads the names first and obtains only the file it picks.
 */
interface SnapshotSource {

    /**
     * Says where this source is, for messages.
     * @return for example the backup directory's path
     */
    String location();

    /**
     * Lists the snapshots this source holds.
     * @return their names, in no particular order
     */
    List<SnapshotName> names();

    /**
     * Returns a local file that holds a snapshot of this source, not yet verified.
     * @param name one of {@link #names()}
     * @return the file
     * @throws RestoreException when the snapshot cannot be had
     */
    Path obtain(SnapshotName name);
}
