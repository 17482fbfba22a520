package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.snapshot.SnapshotWhen;

/**
 * Plain settings of a guarded migration run, free of Spring Boot.
 *
 * @param snapshotEnabled whether to snapshot before migrating
 * @param keep snapshots kept per label; 0 disables snapshots
 * @param when when to snapshot
 * @param abortOnSnapshotFailure whether a failed snapshot stops startup
 * @param snapshot how snapshots are taken
 * @param heal how checksum drift is healed
 * @param restore when snapshots are restored and whether migrations are rehearsed
 */
public record GuardSettings(
        boolean snapshotEnabled,
        int keep,
        SnapshotWhen when,
        boolean abortOnSnapshotFailure,
        SnapshotSettings snapshot,
        HealSettings heal,
        RestoreSettings restore) {

    public GuardSettings {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative, was " + keep);
        }
        restore = (restore != null) ? restore : RestoreSettings.defaults();
    }

    public GuardSettings(
            boolean snapshotEnabled,
            int keep,
            SnapshotWhen when,
            boolean abortOnSnapshotFailure,
            SnapshotSettings snapshot,
            HealSettings heal) {
        this(snapshotEnabled, keep, when, abortOnSnapshotFailure, snapshot, heal, RestoreSettings.defaults());
    }

    /**
     * Returns the settings a Spring Boot application gets when it sets no {@code migration-guard.*} property: for a
     * plain Flyway user, the same behaviour as the starter's.
     * @return the default settings
     */
    public static GuardSettings defaults() {
        return new GuardSettings(
                true,
                5,
                SnapshotWhen.PENDING,
                false,
                SnapshotSettings.defaults(),
                HealSettings.defaults(),
                RestoreSettings.defaults());
    }

    /**
     * Whether snapshots are taken at all.
     * @return whether snapshots are on
     */
    public boolean snapshotsOn() {
        return this.snapshotEnabled && this.keep > 0;
    }
}
