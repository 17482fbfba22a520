package io.github.migrationguard.heal;

import io.github.migrationguard.values.EnumValues;

/**
 * One applied migration whose drifted checksum was healed.
 *
 * @param version the migration version
 * @param script the migration script
 * @param reason why healing it was safe
 * @param oldChecksum the checksum the schema history held
 * @param newChecksum the checksum of the file, now in the schema history
 * @param reapplied whether the script was run again before realigning
 */
public record Heal(
        String version, String script, Reason reason, Integer oldChecksum, Integer newChecksum, boolean reapplied) {

    /**
     * Why healing a migration was safe.
     */
    public enum Reason {

        /**
         * The version is listed in {@code migration-guard.self-heal.versions}.
         */
        ALLOWLIST,

        /**
         * The file's fingerprint equals the recorded one: only whitespace or comments changed.
         */
        FINGERPRINT;

        /**
         * Returns the reason as logs and metric tags show it.
         * @return {@code allowlist} or {@code fingerprint}
         */
        public String value() {
            return EnumValues.of(this);
        }
    }
}
