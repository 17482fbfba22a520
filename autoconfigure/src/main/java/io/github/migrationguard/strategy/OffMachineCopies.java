package io.github.migrationguard.strategy;

import io.github.migrationguard.restore.RemoteSnapshotSource;
import io.github.migrationguard.snapshot.Snapshot;
import java.util.function.Consumer;

/**
 * Internal: off-machine copies as a guarded run sees them: where restores may also look, and the copy that must succeed
 * before migrating ({@code remote.on-failure=abort}).
 *
 * @param snapshots the snapshots in the bucket, or {@code null} when there is no bucket
 * @param requiredCopy copies the verified pre-migrate snapshot to the bucket and throws when it cannot, or
 * {@code null} when migrating does not wait for it
 */
public record OffMachineCopies(RemoteSnapshotSource snapshots, Consumer<Snapshot> requiredCopy) {

    /**
     * No bucket.
     */
    public static final OffMachineCopies NONE = new OffMachineCopies(null, null);
}
