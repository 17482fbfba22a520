package io.github.migrationguard.restore;

import io.github.migrationguard.values.EnumValues;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What came of one restore, or of a restore request; read by health, metrics and the endpoint.
 *
 * @param trigger what started it
 * @param outcome whether the database was restored
 * @param snapshot the snapshot that was (or was to be) restored, or {@code null} when none was chosen
 * @param message what happened, for operators
 * @param duration time spent
 */
public record RestoreRecord(
        RestoreTrigger trigger, Outcome outcome, @Nullable Path snapshot, String message, Duration duration) {

    static RestoreRecord restored(RestoreTrigger trigger, Path snapshot, String message, Duration duration) {
        return new RestoreRecord(trigger, Outcome.SUCCESS, snapshot, message, duration);
    }

    /**
     * Returns the record of a restore that was attempted, or asked for, and failed.
     * @param trigger what started it
     * @param snapshot the snapshot that was to be restored, or {@code null} when none was chosen
     * @param message what went wrong, for operators
     * @param duration time spent
     * @return the record
     */
    public static RestoreRecord failed(
            RestoreTrigger trigger, @Nullable Path snapshot, String message, Duration duration) {
        return new RestoreRecord(trigger, Outcome.FAILURE, snapshot, message, duration);
    }

    static RestoreRecord skipped(RestoreTrigger trigger, Path snapshot, String message) {
        return new RestoreRecord(trigger, Outcome.SKIPPED, snapshot, message, Duration.ZERO);
    }

    /**
     * Whether the live database now holds the snapshot.
     * @return whether the restore succeeded
     */
    public boolean restored() {
        return this.outcome == Outcome.SUCCESS;
    }

    /**
     * How a restore ended; the {@code outcome} tag of the restore metric.
     */
    public enum Outcome {

        /**
         * The live database now holds the snapshot.
         */
        SUCCESS,

        /**
         * The restore was attempted and failed.
         */
        FAILURE,

        /**
         * Nothing was restored, on purpose: a restore request that was already carried out.
         */
        SKIPPED;

        /**
         * Returns the outcome as it appears in metric tags.
         * @return the lower-case name, for example {@code success}
         */
        public String value() {
            return EnumValues.of(this);
        }
    }
}
