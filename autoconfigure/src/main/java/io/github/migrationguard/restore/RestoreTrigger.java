package io.github.migrationguard.restore;

import io.github.migrationguard.values.EnumValues;

/**
 * What started a restore; the {@code trigger} tag of the restore metric.
 */
public enum RestoreTrigger {

    /**
     * A migration failed and the snapshot of the same run was restored.
     */
    FAILURE,

    /**
     * {@code migration-guard.restore.from} asked for a restore at startup.
     */
    STARTUP,

    /**
     * An older build started on a newer database, with {@code migration-guard.restore.on-downgrade=true}.
     */
    DOWNGRADE;

    /**
     * Returns the trigger as it appears in metric tags and logs.
     * @return the lower-case name, for example {@code failure}
     */
    public String value() {
        return EnumValues.of(this);
    }
}
