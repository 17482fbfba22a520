package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Child-JVM entry point for {@link FlatMemoryTests}: copies a snapshot to the bucket with the default settings
 * (streamed, multipart, default compression) and fetches it back as a restore does. Prints the object's size and the
 * SHA-256 of what came back. Arguments: snapshot file, endpoint, bucket, restore directory.
 */
public final class SmallHeapRoundTrip {

    private SmallHeapRoundTrip() {}

    public static void main(String[] args) throws Exception {
        Path snapshot = Paths.get(args[0]);
        RemoteConnection connection = new RemoteConnection(
                URI.create(args[1]), "us-east-1", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        try (S3Client client = S3ClientFactory.create(connection)) {
            SnapshotBucket bucket =
                    new SnapshotBucket(client, new RemoteLocation(args[2], "app"), RemoteSettings.DEFAULT_PART_SIZE);
            RemoteObject object =
                    bucket.upload(snapshot, FileDigest.sha256(snapshot), RemoteSettings.DEFAULT_COMPRESSION);
            Path fetched = new RemoteSnapshots(bucket)
                    .fetchVerified(object, new SnapshotDirectory(Paths.get(args[3])), "flyway_schema_history");
            System.out.println("OBJECT_BYTES=" + object.sizeBytes());
            System.out.println("FETCHED_SHA256=" + FileDigest.sha256(fetched));
        }
    }
}
