package io.github.migrationguard.benchmarks;

import io.github.migrationguard.remote.Compression;
import io.github.migrationguard.remote.RemoteConnection;
import io.github.migrationguard.remote.RemoteLocation;
import io.github.migrationguard.remote.RemoteObject;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.remote.S3ClientFactory;
import io.github.migrationguard.remote.S3ProxyServer;
import io.github.migrationguard.remote.SnapshotBucket;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Child-JVM entry point: copies a snapshot to the bucket the way off-machine copies do (streamed, multipart), fetches it
 * back the way a restore does (to a temporary file, SHA-256 and quick_check), and prints peak memory and times.
 * Arguments: snapshot file, endpoint, bucket, compression, restore directory.
 */
public final class RemoteMemoryProbe {

    private RemoteMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path snapshot = Paths.get(args[0]);
        RemoteConnection connection = new RemoteConnection(
                URI.create(args[1]), "us-east-1", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        Compression compression = Compression.valueOf(args[3]);
        try (S3Client client = S3ClientFactory.create(connection)) {
            SnapshotBucket bucket =
                    new SnapshotBucket(client, new RemoteLocation(args[2], "bench"), RemoteSettings.DEFAULT_PART_SIZE);
            String sha256 = sha256(snapshot);
            long start = System.nanoTime();
            RemoteObject object = bucket.upload(snapshot, sha256, compression);
            double upload = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            // Throws unless what came back has the SHA-256 the object carries, the one computed above; compared
            // before quick_check opens it (this file is in WAL mode, and opening it may touch its header)
            Path fetched =
                    new RemoteSnapshots(bucket).fetchVerified(object, new SnapshotDirectory(Paths.get(args[4])), null);
            double download = (System.nanoTime() - start) / 1e9;
            if (Files.size(fetched) != Files.size(snapshot)) {
                throw new IllegalStateException("The copy fetched back differs in size from " + snapshot);
            }
            Files.delete(fetched);
            bucket.delete(object);
            PeakMemory.print();
            System.out.println("UPLOAD_SECONDS=" + upload);
            System.out.println("DOWNLOAD_SECONDS=" + download);
            System.out.println("PARTS="
                    + (object.sizeBytes() + RemoteSettings.DEFAULT_PART_SIZE - 1) / RemoteSettings.DEFAULT_PART_SIZE);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
