package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Internal: snapshots kept off this machine (in a bucket), fetched as verified local files that a restore can then use
 * like any snapshot in the backup directory. Implemented by {@code io.github.migrationguard.remote.RemoteSnapshots}.
 */
public interface RemoteSnapshotSource {

    /**
     * Describes where the snapshots are, without secrets.
     * @return for example {@code s3://bucket/prefix}
     */
    String describe();

    /**
     * Lists the snapshots in the bucket.
     * @return their names, in no particular order
     * @throws RestoreException when the bucket cannot be read
     */
    List<SnapshotName> names();

    /**
     * Downloads the newest snapshot whose name passes the filter, proves it intact (SHA-256 and {@code quick_check})
     * and puts it in the directory under its own name. A damaged one is never used: the next older one is tried, with a
     * WARN naming the damaged one.
     * @param accept which snapshot names may be used
     * @param into the directory to put the file in
     * @param historyTable the Flyway schema history table
     * @return the verified file, or empty when the bucket holds no intact snapshot that passes the filter
     * @throws RestoreException when the bucket cannot be read
     */
    Optional<Path> fetchNewest(Predicate<SnapshotName> accept, SnapshotDirectory into, String historyTable);

    /**
     * Downloads the snapshot with the given file name and proves it intact.
     * @param fileName the snapshot file name
     * @param into the directory to put the file in
     * @param historyTable the Flyway schema history table
     * @return the verified file, or empty when the bucket has no such snapshot
     * @throws RestoreException when the bucket cannot be read or the object is damaged
     */
    Optional<Path> fetch(String fileName, SnapshotDirectory into, String historyTable);
}
