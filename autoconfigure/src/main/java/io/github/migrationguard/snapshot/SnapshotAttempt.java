package io.github.migrationguard.snapshot;

import io.github.migrationguard.values.EnumValues;
import java.time.Duration;

/**
 * What came of one attempt to take a snapshot.
 *
 * @param label the label the snapshot was for
 * @param outcome whether it was taken, failed or skipped
 * @param duration time spent
 * @param snapshot the snapshot, when taken
 * @param message why it failed or was skipped, or {@code null}
 */
public record SnapshotAttempt(
        SnapshotLabel label, Outcome outcome, Duration duration, Snapshot snapshot, String message) {

    public static SnapshotAttempt taken(Snapshot snapshot) {
        return new SnapshotAttempt(snapshot.name().label(), Outcome.SUCCESS, snapshot.duration(), snapshot, null);
    }

    /**
     * Returns the attempt of a boot that took no copy and stands on the snapshot the previous, failed boot restored:
     * the database is unchanged since.
     * @param snapshot the snapshot reused
     * @param message why it was reused
     * @return the attempt
     */
    public static SnapshotAttempt reused(Snapshot snapshot, String message) {
        return new SnapshotAttempt(snapshot.name().label(), Outcome.REUSED, Duration.ZERO, snapshot, message);
    }

    public static SnapshotAttempt failed(SnapshotLabel label, Duration duration, String message) {
        return new SnapshotAttempt(label, Outcome.FAILURE, duration, null, message);
    }

    /**
     * Returns an attempt whose copy is done and whose verification is still running; it has no snapshot yet.
     * @param label the label
     * @param copyDuration time spent copying
     * @param message what is being verified
     * @return the attempt
     */
    public static SnapshotAttempt verifying(SnapshotLabel label, Duration copyDuration, String message) {
        return new SnapshotAttempt(label, Outcome.VERIFYING, copyDuration, null, message);
    }

    public static SnapshotAttempt skipped(SnapshotLabel label, String reason) {
        return new SnapshotAttempt(label, Outcome.SKIPPED, Duration.ZERO, null, reason);
    }

    /**
     * The outcome of an attempt.
     */
    public enum Outcome {
        SUCCESS,

        FAILURE,

        SKIPPED,

        /**
         * No copy: the snapshot a failed boot restored stands for this boot too, the database being unchanged since
         * (a crash loop).
         */
        REUSED,

        /**
         * Copied; verification runs alongside the migration and the file has no final name yet.
         */
        VERIFYING;

        /**
         * Returns the outcome as the {@code outcome} tag of {@code migration.guard.snapshot} and the endpoint show it.
         * @return the lower-case name, for example {@code failure}
         */
        public String value() {
            return EnumValues.of(this);
        }
    }
}
