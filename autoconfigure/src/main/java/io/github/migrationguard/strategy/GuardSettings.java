package io.github.migrationguard.strategy;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;

/**
 * Plain settings of a guarded migration run, free of Spring Boot, one group per concern.
 *
 * @param snapshot whether, when and how snapshots are taken and kept
 * @param heal how checksum drift is healed
 * @param restore when snapshots are restored
 * @param rehearse whether pending migrations run against a throwaway copy before the live database
 * @param lint how pending migrations are linted
 */
public record GuardSettings(
        SnapshotSettings snapshot, HealSettings heal, RestoreSettings restore, boolean rehearse, LintSettings lint) {

    /**
     * Creates settings with the defaults for restore (on failure only), no rehearsal and lint on without stopping.
     * @param snapshot whether, when and how snapshots are taken and kept
     * @param heal how checksum drift is healed
     */
    public GuardSettings(SnapshotSettings snapshot, HealSettings heal) {
        this(snapshot, heal, RestoreSettings.defaults(), false, LintSettings.DEFAULTS);
    }

    /**
     * Returns the settings a Spring Boot application gets when it sets no {@code migration-guard.*} property: for a
     * plain Flyway user, the same behaviour as the starter's.
     * @return the default settings
     */
    public static GuardSettings defaults() {
        return new GuardSettings(SnapshotSettings.defaults(), HealSettings.defaults());
    }

    /**
     * Returns these settings with other restore settings.
     * @param restore when snapshots are restored
     * @return the new settings
     */
    public GuardSettings withRestore(RestoreSettings restore) {
        return new GuardSettings(this.snapshot, this.heal, restore, this.rehearse, this.lint);
    }
}
