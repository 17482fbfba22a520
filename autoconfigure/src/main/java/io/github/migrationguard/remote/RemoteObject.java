package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.SnapshotName;
import java.util.Optional;

/**
 * Internal: a snapshot in the bucket.
 *
 * @param key the object key
 * @param name the snapshot name, parsed from the key without prefix and compression suffix
 * @param sizeBytes the object's size, compressed
 * @param compression how the object is compressed
 */
public record RemoteObject(String key, SnapshotName name, long sizeBytes, Compression compression) {

    /**
     * Returns the file name of the snapshot this object holds.
     * @return for example {@code pre-migrate-20261122T101530.123Z-v8-to-v10.db}
     */
    public String fileName() {
        return this.name.fileName();
    }

    /**
     * Reads an object key under a location; keys that are not snapshots are not ours and yield nothing.
     * @param location the location listed
     * @param key the object key
     * @param sizeBytes the object's size
     * @return the object, or empty when the key is not a snapshot's
     */
    static Optional<RemoteObject> of(RemoteLocation location, String key, long sizeBytes) {
        String prefix = location.listPrefix();
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = key.substring(prefix.length());
        Compression compression = Compression.ofKey(name);
        String fileName = name.substring(0, name.length() - compression.suffix().length());
        return SnapshotName.parse(fileName).map((parsed) -> new RemoteObject(key, parsed, sizeBytes, compression));
    }
}
