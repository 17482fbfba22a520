package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.SnapshotLabel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Internal: plain settings of off-machine copies, free of Spring Boot.
 *
 * @param location where copies go, or {@code null} when copies are off (the starter still holds the other settings,
 * to show them)
 * @param labels which labels are copied
 * @param keep objects kept per label, at least 1
 * @param abortOnFailure whether the pre-migrate snapshot must be in the bucket before migrating
 * @param compression how objects are compressed
 * @param partSizeBytes size of one part of a multipart upload, and the largest object sent in one PUT
 * @param firstRetryDelay the wait before the first retry of a failed copy, doubled each time
 * @param maxRetryDelay the longest wait between retries
 */
public record RemoteSettings(
        @Nullable RemoteLocation location,
        Set<SnapshotLabel> labels,
        int keep,
        boolean abortOnFailure,
        Compression compression,
        int partSizeBytes,
        Duration firstRetryDelay,
        Duration maxRetryDelay) {

    /**
     * Default part size: S3 needs at least 5 MiB per part; 8 MiB keeps memory flat and allows 80 GB objects.
     */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    /**
     * Default labels copied.
     */
    public static final Set<SnapshotLabel> DEFAULT_LABELS =
            Set.copyOf(EnumSet.of(SnapshotLabel.PRE_MIGRATE, SnapshotLabel.MANUAL, SnapshotLabel.SCHEDULED));

    public static final int DEFAULT_KEEP = 30;

    public static final Compression DEFAULT_COMPRESSION = Compression.GZIP;

    public static final Duration DEFAULT_FIRST_RETRY_DELAY = Duration.ofSeconds(2);

    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(5);

    public RemoteSettings {
        if (keep < 1) {
            throw new IllegalArgumentException("migration-guard.remote.keep must be 1 or more, was " + keep);
        }
        labels = Set.copyOf(labels);
    }

    /**
     * Returns settings with the defaults for everything but the location.
     * @param location where copies go, or {@code null} when copies are off
     * @return the settings
     */
    public static RemoteSettings defaults(@Nullable RemoteLocation location) {
        return new RemoteSettings(
                location,
                DEFAULT_LABELS,
                DEFAULT_KEEP,
                false,
                DEFAULT_COMPRESSION,
                DEFAULT_PART_SIZE,
                DEFAULT_FIRST_RETRY_DELAY,
                DEFAULT_MAX_RETRY_DELAY);
    }

    /**
     * Returns these settings with other retry delays.
     * @param first the wait before the first retry
     * @param max the longest wait
     * @return the new settings
     */
    public RemoteSettings withRetryDelays(Duration first, Duration max) {
        return new RemoteSettings(
                this.location,
                this.labels,
                this.keep,
                this.abortOnFailure,
                this.compression,
                this.partSizeBytes,
                first,
                max);
    }
}
