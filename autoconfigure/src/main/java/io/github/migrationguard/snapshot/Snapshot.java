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
 * @param cloned whether the file was cloned copy-on-write ({@link SnapshotMethod#FILE_COPY} on XFS, btrfs...) rather
 * than copied
 * @param verification how it was verified
 * @param copyDuration time spent copying
 * @param duration time from start to final name, verification included
 */
public record Snapshot(
        Path file,
        SnapshotName name,
        long sizeBytes,
        SnapshotMethod method,
        boolean cloned,
        Verification verification,
        Duration copyDuration,
        Duration duration) {}
