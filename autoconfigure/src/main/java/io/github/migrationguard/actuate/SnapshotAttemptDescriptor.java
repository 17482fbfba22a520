package io.github.migrationguard.actuate;

import io.github.migrationguard.snapshot.Snapshot;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.values.EnumValues;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A snapshot attempt, as health and the endpoint show it.
 *
 * @param label the snapshot label
 * @param outcome {@code success}, {@code failure}, {@code skipped}, {@code reused} or {@code verifying}
 * @param file the snapshot file, when taken
 * @param time when it was taken (ISO-8601), when taken
 * @param sizeBytes its size, when taken
 * @param durationMs time spent
 * @param verification how it was verified, when taken
 * @param method how it was copied ({@code file-copy}, {@code backup-api}, {@code vacuum-into}), when taken
 * @param cloned whether the file was cloned copy-on-write rather than copied, when taken
 * @param message why it failed or was skipped
 * @param reason the reason a manual snapshot was asked for, or {@code null}
 */
public record SnapshotAttemptDescriptor(
        String label,
        String outcome,
        @Nullable String file,
        @Nullable String time,
        @Nullable Long sizeBytes,
        long durationMs,
        @Nullable String verification,
        @Nullable String method,
        @Nullable Boolean cloned,
        @Nullable String message,
        @Nullable String reason)
        implements OperationResponseBody {

    static SnapshotAttemptDescriptor of(SnapshotAttempt attempt) {
        return of(attempt, null);
    }

    static SnapshotAttemptDescriptor of(SnapshotAttempt attempt, @Nullable String reason) {
        Snapshot snapshot = attempt.snapshot();
        return new SnapshotAttemptDescriptor(
                attempt.label().value(),
                attempt.outcome().value(),
                (snapshot != null) ? snapshot.file().toString() : null,
                (snapshot != null) ? snapshot.name().time().toString() : null,
                (snapshot != null) ? snapshot.sizeBytes() : null,
                attempt.duration().toMillis(),
                (snapshot != null) ? EnumValues.of(snapshot.verification()) : null,
                (snapshot != null) ? EnumValues.of(snapshot.method()) : null,
                (snapshot != null) ? snapshot.cloned() : null,
                attempt.message(),
                reason);
    }
}
