package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotDirectory.StoredSnapshot;
import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Path;
import java.util.List;

/**
 * The snapshots in the backup directory.
 */
final class LocalSnapshots implements SnapshotSource {

    private final SnapshotDirectory directory;

    LocalSnapshots(SnapshotDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String location() {
        return this.directory.path().toString();
    }

    @Override
    public List<SnapshotName> names() {
        return this.directory.list().stream().map(StoredSnapshot::name).toList();
    }

    @Override
    public Path obtain(SnapshotName name) {
        return this.directory.path().resolve(name.fileName());
    }
}
