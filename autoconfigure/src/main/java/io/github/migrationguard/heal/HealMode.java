package io.github.migrationguard.heal;

/**
 * How a migration certified idempotent is healed.
 */
public enum HealMode {

    /**
     * Update the stored checksum to match the file.
     */
    REALIGN,

    /**
     * Re-run the script, then update the stored checksum.
     */
    REAPPLY
}
