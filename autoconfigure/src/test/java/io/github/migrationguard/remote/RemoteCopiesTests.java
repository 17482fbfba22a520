package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

class RemoteCopiesTests {

    private static final int MIN_PART = 5 * 1024 * 1024;

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path temp;

    @Test
    void snapshotsLeftWaitingAtStopAreCopiedAtTheNextStart() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        RemoteLocation location = new RemoteLocation(server.createBucket("catchup"), "app");
        Path dir = this.temp.resolve("backups");
        Path copied = SnapshotFiles.write(dir, SnapshotLabel.PRE_MIGRATE, T0, 10_000);
        Path waiting = SnapshotFiles.write(dir, SnapshotLabel.MANUAL, T0.plusSeconds(60), 10_000);
        Path notCopied = SnapshotFiles.write(dir, SnapshotLabel.PRE_RESTORE, T0.plusSeconds(120), 10_000);
        try (S3Client client = server.client();
                RemoteCopies copies = copies(client, location, 30)) {
            copies.bucket().upload(copied, FileDigest.sha256(copied), Compression.GZIP);
            copies.catchUp(new SnapshotDirectory(dir));
            await().atMost(WAIT).until(() -> copies.state().lastUpload() != null);
            assertThat(copies.bucket().list())
                    .extracting(RemoteObject::fileName)
                    .containsExactly(fileName(copied), fileName(waiting));
            assertThat(copies.state().pending()).isZero();
            assertThat(copies.state()
                            .uploads(SnapshotLabel.PRE_MIGRATE, "success")
                            .count())
                    .isZero();
            assertThat(notCopied).exists();
        }
    }

    @Test
    void retentionKeepsTheNewestPerLabelAndNeverTouchesForeignObjects() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        RemoteLocation location = new RemoteLocation(server.createBucket("retention"), "app");
        Path dir = this.temp.resolve("backups");
        for (int i = 0; i < 3; i++) {
            SnapshotFiles.write(dir, SnapshotLabel.PRE_MIGRATE, T0.plusSeconds(i), 10_000);
        }
        Path manual = SnapshotFiles.write(dir, SnapshotLabel.MANUAL, T0, 10_000);
        try (S3Client client = server.client();
                RemoteCopies copies = copies(client, location, 2)) {
            client.putObject(
                    (put) -> put.bucket(location.bucket()).key("app/pre-migrate-notes.txt"),
                    RequestBody.fromString("someone else's"));
            copies.catchUp(new SnapshotDirectory(dir));
            await().atMost(WAIT)
                    .until(() -> copies.state().pending() == 0
                            && copies.state()
                                            .uploads(SnapshotLabel.PRE_MIGRATE, "success")
                                            .count()
                                    == 3);
            List<String> keys = client.listObjectsV2((list) -> list.bucket(location.bucket())).contents().stream()
                    .map((object) -> object.key())
                    .toList();
            assertThat(keys)
                    .containsExactlyInAnyOrder(
                            "app/pre-migrate-20260101T100001.000Z.db.gz",
                            "app/pre-migrate-20260101T100002.000Z.db.gz",
                            "app/" + fileName(manual) + ".gz",
                            "app/pre-migrate-notes.txt");
        }
    }

    @Test
    void serverDownAtStartupIsRetriedUntilItIsBack() throws Exception {
        S3ProxyServer server = S3ProxyServer.own(Files.createDirectories(this.temp.resolve("s3")));
        // A filesystem bucket is a directory: it exists before the server is up
        Files.createDirectories(server.dataDir().resolve("down"));
        Path dir = this.temp.resolve("backups");
        SnapshotFiles.write(dir, SnapshotLabel.PRE_MIGRATE, T0, 10_000);
        try (S3Client client = server.client();
                RemoteCopies copies = copies(client, new RemoteLocation("down", "app"), 30)) {
            copies.catchUp(new SnapshotDirectory(dir));
            await().atMost(WAIT).until(() -> Boolean.FALSE.equals(copies.state().reachable()));
            assertThat(copies.state().lastError()).contains("cannot be reached");
            assertThat(copies.state().pending()).isEqualTo(1);
            server.start();
            await().atMost(WAIT).until(() -> copies.state().pending() == 0);
            assertThat(copies.state().healthy()).isTrue();
        } finally {
            server.kill();
        }
    }

    @Test
    void serverKilledMidUploadAndBackLaterGetsTheWholeSnapshot() throws Exception {
        S3ProxyServer server = S3ProxyServer.own(Files.createDirectories(this.temp.resolve("s3")));
        Files.createDirectories(server.dataDir().resolve("killed"));
        server.start();
        Path dir = this.temp.resolve("backups");
        Path snapshot = SnapshotFiles.write(dir, SnapshotLabel.PRE_MIGRATE, T0, 2 * MIN_PART);
        AtomicInteger parts = new AtomicInteger();
        ExecutionInterceptor killAfterFirstPart = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest && parts.incrementAndGet() == 1) {
                    server.kill();
                }
            }
        };
        RemoteLocation location = new RemoteLocation("killed", "app");
        try (S3Client client = server.client(killAfterFirstPart);
                RemoteCopies copies = new RemoteCopies(
                        new SnapshotBucket(client, location, MIN_PART),
                        settings(location, 30, Compression.NONE),
                        Clock.systemUTC())) {
            copies.catchUp(new SnapshotDirectory(dir));
            await().atMost(WAIT)
                    .until(() -> copies.state()
                                    .uploads(SnapshotLabel.PRE_MIGRATE, "failure")
                                    .count()
                            > 0);
            server.start();
            await().atMost(WAIT).until(() -> copies.state().pending() == 0);
            Path fetched = new RemoteSnapshots(copies.bucket())
                    .fetchVerified(
                            copies.bucket().list().get(0),
                            new SnapshotDirectory(this.temp.resolve("restore")),
                            "flyway_schema_history");
            assertThat(FileDigest.sha256(fetched)).isEqualTo(FileDigest.sha256(snapshot));
        } finally {
            server.kill();
        }
    }

    private static RemoteCopies copies(S3Client client, RemoteLocation location, int keep) {
        return new RemoteCopies(
                new SnapshotBucket(client, location, MIN_PART),
                settings(location, keep, Compression.GZIP),
                Clock.systemUTC());
    }

    private static RemoteSettings settings(RemoteLocation location, int keep, Compression compression) {
        return new RemoteSettings(
                location,
                Set.of(SnapshotLabel.PRE_MIGRATE, SnapshotLabel.MANUAL),
                keep,
                false,
                compression,
                MIN_PART,
                Duration.ofMillis(200),
                Duration.ofSeconds(2));
    }

    private static String fileName(Path file) {
        return file.getFileName().toString();
    }
}
