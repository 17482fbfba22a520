package io.github.migrationguard.snapshot;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A snapshot that was written, verified and given its final name.
 *
 * @param file the snapshot file
 * @param name its parsed name (label and time)
 * @param sizeBytes its size
 * @param method the copy method that was used
 * @param verification how it was verified
 * @param copyDuration time spent copying
 * @param duration time from start to final name, verification included
 */
public record Snapshot(
        Path file,
        SnapshotName name,
        long sizeBytes,
        SnapshotMethod method,
        Verification verification,
        Duration copyDuration,
        Duration duration) {}
