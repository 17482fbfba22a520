package io.github.migrationguard.actuate;

import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;

/**
 * A snapshot attempt, as health and the endpoint show it.
 *
 * @param label the snapshot label
 * @param outcome {@code success}, {@code failure} or {@code skipped}
 * @param file the snapshot file, when taken
 * @param time when it was taken (ISO-8601), when taken
 * @param sizeBytes its size, when taken
 * @param durationMs time spent
 * @param verification how it was verified, when taken
 * @param method how it was copied ({@code FILE_COPY}, {@code BACKUP_API}, {@code VACUUM_INTO}), when taken
 * @param cloned whether the file was cloned copy-on-write rather than copied, when taken
 * @param message why it failed or was skipped
 */
public record SnapshotAttemptDescriptor(
        String label,
        String outcome,
        String file,
        String time,
        Long sizeBytes,
        long durationMs,
        String verification,
        String method,
        Boolean cloned,
        String message) {

    static SnapshotAttemptDescriptor of(SnapshotAttempt attempt) {
        Snapshot snapshot = attempt.snapshot();
        return new SnapshotAttemptDescriptor(
                attempt.label().value(),
                MeterTags.outcome(attempt.outcome()),
                (snapshot != null) ? snapshot.file().toString() : null,
                (snapshot != null) ? snapshot.name().time().toString() : null,
                (snapshot != null) ? snapshot.sizeBytes() : null,
                attempt.duration().toMillis(),
                (snapshot != null) ? snapshot.verification().name() : null,
                (snapshot != null) ? snapshot.method().name() : null,
                (snapshot != null) ? snapshot.cloned() : null,
                attempt.message());
    }
}
