package io.github.migrationguard.restore;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Internal: thrown when a snapshot cannot be restored into the live database; the message says what failed and what to
 * do.
 */
public class RestoreException extends RuntimeException {

    private final @Nullable RestoreTrigger trigger;

    public RestoreException(String message) {
        this(message, null);
    }

    public RestoreException(String message, @Nullable Throwable cause) {
        this(message, cause, null);
    }

    /**
     * Creates an exception for a restore whose trigger only the failing step knows, such as a restore a crash cut
     * short, which keeps the trigger it had.
     * @param message what failed and what to do
     * @param cause the cause, or {@code null}
     * @param trigger what started the restore, or {@code null}
     */
    public RestoreException(String message, @Nullable Throwable cause, @Nullable RestoreTrigger trigger) {
        super(message, cause);
        this.trigger = trigger;
    }

    /**
     * Returns what started the restore that failed, when the failing step knows it better than its caller.
     * @return the trigger, or empty
     */
    public Optional<RestoreTrigger> trigger() {
        return Optional.ofNullable(this.trigger);
    }
}
