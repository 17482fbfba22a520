package io.github.migrationguard.benchmarks;

import io.github.migrationguard.remote.Compression;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.remote.S3ProxyServer;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.util.FileSystemUtils;

/**
 * Copies the largest database to a real S3-compatible server (s3proxy, in its own process) and back, from a child JVM
 * limited to {@code -Xmx64m}, with the default compression; reports peak heap, peak RSS and the times.
 */
final class RemoteMemoryBench {

    private static final String HEAP_LIMIT = "-Xmx64m";

    private final BenchDatabase database;

    private final Path work;

    private final Results results;

    private final String size;

    RemoteMemoryBench(BenchDatabase database, Path work, Results results, String size) {
        this.database = database;
        this.work = work;
        this.results = results;
        this.size = size;
    }

    void run() throws Exception {
        this.results.section("Memory: " + this.size + " to the bucket and back, in a child JVM with " + HEAP_LIMIT);
        FileSystemUtils.deleteRecursively(this.work);
        Path snapshots = Files.createDirectories(this.work.resolve("snapshots"));
        // A snapshot name without a second copy of the file
        Path snapshot = Files.createLink(
                snapshots.resolve(new SnapshotName(SnapshotLabel.MANUAL, Instant.now(), "memory").fileName()),
                this.database.file());
        S3ProxyServer server = S3ProxyServer.own(Files.createDirectories(this.work.resolve("s3")));
        server.start();
        try {
            String bucket = server.createBucket("memory");
            probe(server, bucket, snapshot, RemoteSettings.DEFAULT_COMPRESSION);
        } finally {
            server.kill();
            FileSystemUtils.deleteRecursively(this.work);
        }
    }

    private void probe(S3ProxyServer server, String bucket, Path snapshot, Compression compression) throws Exception {
        String what = "upload + download (SHA-256, quick_check), " + compression.value() + ", with " + HEAP_LIMIT;
        Map<String, String> values;
        try {
            values = ChildJvm.run(
                    List.of(HEAP_LIMIT),
                    RemoteMemoryProbe.class,
                    List.of(
                            snapshot.toString(),
                            server.endpoint().toString(),
                            bucket,
                            compression.name(),
                            this.work.resolve("restore-" + compression.value()).toString()));
        } catch (IllegalStateException ex) {
            this.results.target(what, "failed: " + ex.getMessage(), "succeeds", false);
            return;
        }
        String value = PeakMemory.describe(values) + ", up "
                + Results.seconds(Double.parseDouble(values.get("UPLOAD_SECONDS"))) + ", down "
                + Results.seconds(Double.parseDouble(values.get("DOWNLOAD_SECONDS"))) + ", "
                + values.get("PARTS") + " parts";
        this.results.target(what, value, "succeeds", true);
    }
}
