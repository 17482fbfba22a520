package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Path;
import java.util.List;

/**
 * The snapshots kept off this machine, as a source a rollback deploy may go back to: a snapshot that was pruned
 * locally, or a disk that was replaced, still has its copy in the bucket. Obtaining one downloads it into the backup
 * directory, proven intact.
 */
final class BucketSnapshots implements SnapshotSource {

    private final RemoteSnapshotSource remote;

    private final SnapshotDirectory into;

    private final String historyTable;

    BucketSnapshots(RemoteSnapshotSource remote, SnapshotDirectory into, String historyTable) {
        this.remote = remote;
        this.into = into;
        this.historyTable = historyTable;
    }

    @Override
    public String location() {
        return this.remote.describe();
    }

    @Override
    public List<SnapshotName> names() {
        return this.remote.names();
    }

    @Override
    public Path obtain(SnapshotName name) {
        return this.remote
                .fetch(name.fileName(), this.into, this.historyTable)
                .orElseThrow(() -> new RestoreException(
                        "Snapshot " + name.fileName() + " is no longer in " + this.remote.describe()));
    }
}
