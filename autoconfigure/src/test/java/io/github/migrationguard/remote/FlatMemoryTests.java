package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotLabel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat: a snapshot several times the heap goes to the bucket in parts and comes back, in a JVM whose heap
 * could not hold a tenth of it.
 */
class FlatMemoryTests {

    private static final int SNAPSHOT_BYTES = 200 * 1024 * 1024;

    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path temp;

    @Test
    void snapshotFourTimesTheHeapGoesToTheBucketInPartsAndComesBackIntact() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = server.createBucket("flat");
        // Random blobs: compression cannot make the object small, so it needs many parts
        Path snapshot = SnapshotFiles.write(
                this.temp.resolve("backups"), SnapshotLabel.PRE_MIGRATE, Instant.now(), SNAPSHOT_BYTES);
        Map<String, String> printed = runWithSmallHeap(
                snapshot.toString(),
                server.endpoint().toString(),
                bucket,
                this.temp.resolve("restore").toString());
        assertThat(Long.parseLong(printed.get("OBJECT_BYTES"))).isGreaterThan(10L * RemoteSettings.DEFAULT_PART_SIZE);
        assertThat(printed.get("FETCHED_SHA256")).isEqualTo(FileDigest.sha256(snapshot));
    }

    private static Map<String, String> runWithSmallHeap(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapRoundTrip.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output = reader.lines().toList();
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
        return output.stream()
                .filter((line) -> line.matches("[A-Z_0-9]+=.*"))
                .collect(Collectors.toMap(
                        (line) -> line.substring(0, line.indexOf('=')),
                        (line) -> line.substring(line.indexOf('=') + 1)));
    }
}
