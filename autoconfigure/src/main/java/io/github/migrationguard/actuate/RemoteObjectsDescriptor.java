package io.github.migrationguard.actuate;

import io.github.migrationguard.remote.RemoteCopyException;
import io.github.migrationguard.remote.RemoteObject;
import io.github.migrationguard.remote.RemoteSnapshots;
import java.util.List;

/**
 * The snapshots in the bucket as the endpoint shows them, beside the local files.
 *
 * @param location the bucket and prefix
 * @param objects the snapshots there, oldest first; empty when the bucket could not be listed
 * @param error why the bucket could not be listed, or {@code null}
 */
public record RemoteObjectsDescriptor(String location, List<RemoteObjectDescriptor> objects, String error) {

    static RemoteObjectsDescriptor of(RemoteSnapshots remote) {
        try {
            List<RemoteObjectDescriptor> objects =
                    remote.list().stream().map(RemoteObjectDescriptor::of).toList();
            return new RemoteObjectsDescriptor(remote.describe(), objects, null);
        } catch (RemoteCopyException ex) {
            return new RemoteObjectsDescriptor(remote.describe(), List.of(), ex.getMessage());
        }
    }

    /**
     * A snapshot in the bucket.
     *
     * @param name the snapshot file name
     * @param label the label
     * @param time when it was taken (ISO-8601)
     * @param sizeBytes the object's size, compressed
     * @param key the object key
     * @param compression {@code none}, {@code gzip} or {@code zstd}
     */
    public record RemoteObjectDescriptor(
            String name, String label, String time, long sizeBytes, String key, String compression) {

        static RemoteObjectDescriptor of(RemoteObject object) {
            return new RemoteObjectDescriptor(
                    object.fileName(),
                    object.name().label().value(),
                    object.name().time().toString(),
                    object.sizeBytes(),
                    object.key(),
                    object.compression().value());
        }
    }
}
