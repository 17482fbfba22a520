package io.github.migrationguard.actuate;

import io.github.migrationguard.restore.RestoreRecord;

/**
 * A restore of a run, as health and the endpoint show it.
 *
 * @param trigger {@code failure}, {@code startup}, {@code downgrade} or {@code manual}
 * @param outcome {@code success}, {@code failure} or {@code skipped}
 * @param snapshot the snapshot restored (or to be restored), or {@code null}
 * @param durationMs time spent
 * @param message what happened
 */
public record RestoreDescriptor(String trigger, String outcome, String snapshot, long durationMs, String message) {

    static RestoreDescriptor of(RestoreRecord restore) {
        return new RestoreDescriptor(
                restore.trigger().value(),
                restore.outcome().value(),
                (restore.snapshot() != null) ? restore.snapshot().toString() : null,
                restore.duration().toMillis(),
                restore.message());
    }
}
