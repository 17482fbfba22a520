package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.migrationguard.restore.RestoreException;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class SnapshotBucketTests {

    private static final int MIN_PART = 5 * 1024 * 1024;

    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");

    private static final Instant T2 = Instant.parse("2026-01-02T10:00:00Z");

    @TempDir
    Path temp;

    private final S3ProxyServer server = S3ProxyServer.shared();

    private S3Client client;

    private RemoteLocation location;

    @BeforeEach
    void bucket() {
        this.client = this.server.client();
        this.location = new RemoteLocation(this.server.createBucket("bucket"), "apps/library");
    }

    @AfterEach
    void close() {
        this.client.close();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void snapshotComesBackFromTheBucketByteForByteAndTheObjectCarriesTheSha256OfTheSnapshot(Compression compression)
            throws Exception {
        Path snapshot = SnapshotFiles.write(this.temp.resolve("local"), SnapshotLabel.PRE_MIGRATE, T1, 100_000);
        SnapshotBucket bucket = bucket(MIN_PART);
        RemoteObject object = bucket.upload(snapshot, FileDigest.sha256(snapshot), compression);
        Path fetched = new RemoteSnapshots(bucket)
                .fetchVerified(object, new SnapshotDirectory(this.temp.resolve("restore")), "flyway_schema_history");
        assertThat(object.key()).isEqualTo("apps/library/" + snapshot.getFileName() + compression.suffix());
        assertThat(bucket.list())
                .singleElement()
                .extracting(RemoteObject::compression)
                .isEqualTo(compression);
        assertThat(bucket.sha256(object)).isEqualTo(FileDigest.sha256(snapshot));
        assertThat(fetched).hasFileName(snapshot.getFileName().toString());
        assertThat(FileDigest.sha256(fetched)).isEqualTo(FileDigest.sha256(snapshot));
    }

    @Test
    void damagedZstdObjectIsRefusedAndLeavesNoFileBehind() throws Exception {
        Path snapshot = SnapshotFiles.write(this.temp.resolve("local"), SnapshotLabel.MANUAL, T1, 100_000);
        SnapshotBucket bucket = bucket(MIN_PART);
        RemoteObject object = bucket.upload(snapshot, FileDigest.sha256(snapshot), Compression.ZSTD);
        byte[] compressed = this.client
                .getObjectAsBytes((get) -> get.bucket(this.location.bucket()).key(object.key()))
                .asByteArray();
        String sha256 = FileDigest.sha256(snapshot);
        // Cut short, as a copy that lost its end on the way: still claiming the snapshot's SHA-256
        this.client.putObject(
                (put) -> put.bucket(this.location.bucket())
                        .key(object.key())
                        .metadata(Map.of(SnapshotBucket.SHA256, sha256)),
                RequestBody.fromBytes(Arrays.copyOf(compressed, compressed.length / 2)));
        Path restoreDir = this.temp.resolve("restore");
        assertThatExceptionOfType(DamagedObjectException.class)
                .isThrownBy(() -> new RemoteSnapshots(bucket)
                        .fetchVerified(object, new SnapshotDirectory(restoreDir), "flyway_schema_history"))
                .withMessageContaining(object.key())
                .withMessageContaining("does not decompress");
        assertThat(restoreDir).isEmptyDirectory();
    }

    @Test
    void snapshotLargerThanOnePartGoesInACompletedMultipartUpload() throws Exception {
        Path snapshot = SnapshotFiles.write(this.temp, SnapshotLabel.PRE_MIGRATE, T1, MIN_PART + 100_000);
        List<String> requests = new CopyOnWriteArrayList<>();
        try (S3Client recording = this.server.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request().getClass().getSimpleName());
            }
        })) {
            RemoteObject object = new SnapshotBucket(recording, this.location, MIN_PART)
                    .upload(snapshot, FileDigest.sha256(snapshot), Compression.NONE);
            assertThat(object.sizeBytes()).isEqualTo(Files.size(snapshot));
        }
        assertThat(requests)
                .containsExactly(
                        "CreateMultipartUploadRequest",
                        "UploadPartRequest",
                        "UploadPartRequest",
                        "CompleteMultipartUploadRequest");
    }

    @Test
    void listingLeavesOutObjectsThatAreNotSnapshots() throws Exception {
        Path snapshot = SnapshotFiles.write(this.temp, SnapshotLabel.MANUAL, T1, 10_000);
        SnapshotBucket bucket = bucket(MIN_PART);
        bucket.upload(snapshot, FileDigest.sha256(snapshot), Compression.NONE);
        put("apps/library/notes.txt", "not ours");
        put("apps/library/pre-migrate-latest.db", "not a snapshot name");
        assertThat(bucket.list())
                .extracting(RemoteObject::fileName)
                .containsExactly(snapshot.getFileName().toString());
    }

    @Test
    void damagedObjectIsNeverUsedAndLatestFallsBackToTheNextOlderOne() throws Exception {
        Path older = SnapshotFiles.write(this.temp.resolve("local"), SnapshotLabel.PRE_MIGRATE, T1, 10_000);
        Path newer = SnapshotFiles.write(this.temp.resolve("local"), SnapshotLabel.PRE_MIGRATE, T2, 10_000);
        SnapshotBucket bucket = bucket(MIN_PART);
        bucket.upload(older, FileDigest.sha256(older), Compression.NONE);
        RemoteObject damaged = bucket.upload(newer, FileDigest.sha256(newer), Compression.NONE);
        damage(damaged, FileDigest.sha256(newer));
        Path restoreDir = this.temp.resolve("restore");
        Path fetched = new RemoteSnapshots(bucket)
                .fetchNewest((name) -> true, new SnapshotDirectory(restoreDir), "flyway_schema_history")
                .orElseThrow();
        assertThat(fetched).hasFileName(older.getFileName().toString());
        assertThat(restoreDir.resolve(newer.getFileName())).doesNotExist();
    }

    @Test
    void damagedObjectAskedForByNameIsRefused() throws Exception {
        Path snapshot = SnapshotFiles.write(this.temp.resolve("local"), SnapshotLabel.MANUAL, T1, 10_000);
        SnapshotBucket bucket = bucket(MIN_PART);
        RemoteObject object = bucket.upload(snapshot, FileDigest.sha256(snapshot), Compression.GZIP);
        damage(object, FileDigest.sha256(snapshot));
        assertThatExceptionOfType(RestoreException.class)
                .isThrownBy(() -> new RemoteSnapshots(bucket)
                        .fetch(
                                snapshot.getFileName().toString(),
                                new SnapshotDirectory(this.temp.resolve("restore")),
                                "flyway_schema_history"))
                .withMessageContaining(object.key())
                .withMessageContaining("damaged");
    }

    @Test
    void missingBucketIsNamedInTheError() {
        SnapshotBucket bucket = new SnapshotBucket(this.client, new RemoteLocation("no-such-bucket", "p"), MIN_PART);
        assertThatExceptionOfType(RemoteCopyException.class)
                .isThrownBy(bucket::list)
                .withMessageContaining("bucket 'no-such-bucket' does not exist")
                .withMessageContaining(RemoteLocation.PROPERTY);
    }

    @Test
    void wrongCredentialsSayAccessDeniedWithoutShowingTheSecret() {
        RemoteConnection wrong =
                new RemoteConnection(this.server.endpoint(), "us-east-1", true, "test-access-key", "wrong-secret");
        try (S3Client wrongClient = S3ClientFactory.create(wrong)) {
            SnapshotBucket bucket = new SnapshotBucket(wrongClient, this.location, MIN_PART);
            assertThatExceptionOfType(RemoteCopyException.class)
                    .isThrownBy(bucket::list)
                    .withMessageContaining("access denied")
                    .withMessageNotContaining("wrong-secret");
        }
    }

    private SnapshotBucket bucket(int partSize) {
        return new SnapshotBucket(this.client, this.location, partSize);
    }

    private void put(String key, String content) {
        this.client.putObject((put) -> put.bucket(this.location.bucket()).key(key), RequestBody.fromString(content));
    }

    // Bit rot or a bad copy: other bytes under the same key, still claiming the original SHA-256
    private void damage(RemoteObject object, String claimedSha256) {
        this.client.putObject(
                (put) -> put.bucket(this.location.bucket())
                        .key(object.key())
                        .metadata(Map.of(SnapshotBucket.SHA256, claimedSha256)),
                RequestBody.fromString("SQLite format 3\0 but not really"));
    }
}
