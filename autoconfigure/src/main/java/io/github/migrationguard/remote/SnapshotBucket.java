package io.github.migrationguard.remote;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Internal: the snapshots under one {@code s3://bucket/prefix}: lists, writes, reads and deletes objects whose names
 * are snapshot names, and never any other object. Each object carries the SHA-256 of the snapshot it holds (before
 * compression) in its metadata, so that a copy can be proven intact without trusting the server.
 */
public final class SnapshotBucket {

    /**
     * Metadata key of the snapshot's SHA-256 (sent as {@code x-amz-meta-sha256}).
     */
    static final String SHA256 = "sha256";

    private static final String SNAPSHOT_SIZE = "snapshot-size";

    private static final int BUFFER = 64 * 1024;

    private final S3Client client;

    private final RemoteLocation location;

    private final int partSize;

    /**
     * Creates a view of the bucket.
     * @param client the client, owned by the caller
     * @param location the bucket and prefix
     * @param partSize the part size of multipart uploads
     */
    public SnapshotBucket(S3Client client, RemoteLocation location, int partSize) {
        this.client = client;
        this.location = location;
        this.partSize = partSize;
    }

    public RemoteLocation location() {
        return this.location;
    }

    /**
     * Lists the snapshots in the bucket, oldest first; objects whose names are not snapshot names are left out.
     * @return the snapshots
     * @throws RemoteCopyException when the bucket cannot be listed
     */
    public List<RemoteObject> list() {
        List<RemoteObject> objects = new ArrayList<>();
        try {
            for (S3Object object : this.client
                    .listObjectsV2Paginator(
                            (list) -> list.bucket(this.location.bucket()).prefix(this.location.listPrefix()))
                    .contents()) {
                RemoteObject.of(this.location, object.key(), object.size()).ifPresent(objects::add);
            }
        } catch (SdkException ex) {
            throw RemoteFailures.explain("Listing", this.location, ex);
        }
        objects.sort(Comparator.comparing((RemoteObject object) -> object.name().time())
                .thenComparing(RemoteObject::key));
        return objects;
    }

    /**
     * Copies a snapshot file to the bucket, streaming it: memory use does not grow with the file.
     * @param file the snapshot file, under its final name
     * @param sha256 the file's SHA-256
     * @param compression how to compress it
     * @return the object written
     * @throws RemoteCopyException when the copy fails; no partial object is left visible
     */
    public RemoteObject upload(Path file, String sha256, Compression compression) {
        String name = file.getFileName().toString();
        String key = this.location.key(name + compression.suffix());
        Map<String, String> metadata = Map.of(SHA256, sha256, SNAPSHOT_SIZE, String.valueOf(size(file)));
        PartSink sink = new PartSink(this.client, this.location.bucket(), key, metadata, this.partSize);
        try {
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = compression.compress(sink)) {
                in.transferTo(out);
            }
            long size = sink.finish();
            return RemoteObject.of(this.location, key, size).orElseThrow();
        } catch (SdkException ex) {
            sink.abandon();
            throw RemoteFailures.explain("Copying " + file + " to", this.location, ex);
        } catch (IOException ex) {
            sink.abandon();
            throw new RemoteCopyException(
                    "Could not read " + file + " to copy it to " + this.location + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads the SHA-256 an object says its snapshot has.
     * @param object the object
     * @return the hex SHA-256, or {@code null} when the object carries none
     */
    public String sha256(RemoteObject object) {
        try {
            HeadObjectResponse head = this.client.headObject(
                    (request) -> request.bucket(this.location.bucket()).key(object.key()));
            return head.metadata().get(SHA256);
        } catch (SdkException ex) {
            throw RemoteFailures.explain("Reading " + object.key() + " in", this.location, ex);
        }
    }

    /**
     * Downloads an object to a file, decompressed, and checks it against the SHA-256 it carries.
     * @param object the object
     * @param target the file to write; replaced if it exists
     * @throws RemoteCopyException when the object cannot be read
     * @throws DamagedObjectException when what was read does not match the SHA-256 the object carries
     */
    public void download(RemoteObject object, Path target) {
        try (ResponseInputStream<GetObjectResponse> response = this.client.getObject(
                        (request) -> request.bucket(this.location.bucket()).key(object.key()));
                InputStream in = object.compression().decompress(response)) {
            String expected = response.response().metadata().get(SHA256);
            if (expected == null) {
                throw new DamagedObjectException(object, "it carries no " + SHA256 + " metadata");
            }
            String actual = copy(in, target);
            if (!expected.equalsIgnoreCase(actual)) {
                throw new DamagedObjectException(
                        object, "its content has SHA-256 " + actual + " but the object says " + expected);
            }
        } catch (SdkException ex) {
            throw RemoteFailures.explain("Reading " + object.key() + " from", this.location, ex);
        } catch (IOException ex) {
            if (undecompressable(ex)) {
                throw new DamagedObjectException(object, "it does not decompress (" + ex.getMessage() + ")");
            }
            throw new RemoteCopyException(
                    "Reading " + object.key() + " from " + this.location + " into " + target + " failed: "
                            + ex.getMessage(),
                    ex);
        }
    }

    // A compressed stream that does not decompress is a damaged object; anything else is a fault on the way
    private static boolean undecompressable(IOException ex) {
        return ex instanceof ZipException
                || ex instanceof EOFException
                || ex.getClass().getSimpleName().startsWith("Zstd");
    }

    /**
     * Deletes an object that holds a snapshot.
     * @param object the object
     */
    public void delete(RemoteObject object) {
        try {
            this.client.deleteObject(
                    (request) -> request.bucket(this.location.bucket()).key(object.key()));
        } catch (SdkException ex) {
            throw RemoteFailures.explain("Deleting " + object.key() + " in", this.location, ex);
        }
    }

    private static String copy(InputStream in, Path target) throws IOException {
        MessageDigest digest = FileDigest.newDigest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
