package io.github.migrationguard.heal;

import java.util.List;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Plain settings of checksum self-heal, free of Spring Boot.
 *
 * @param enabled whether checksum drift is healed at all
 * @param versions versions certified idempotent, healed whatever their drift
 * @param mode how a certified version is healed
 * @param fingerprint whether drift proven to touch only whitespace and comments heals without being listed
 * @param fingerprintTable name of the table that stores fingerprints, in Flyway's schema
 */
public record HealSettings(
        boolean enabled, List<String> versions, HealMode mode, boolean fingerprint, String fingerprintTable) {

    /**
     * Default fingerprint table name.
     */
    public static final String DEFAULT_FINGERPRINT_TABLE = "migration_guard_fingerprint";

    public HealSettings {
        versions = List.copyOf(versions);
    }

    /**
     * Returns the defaults: on, nothing certified, realign, fingerprints on, the default table.
     * @return the default settings
     */
    public static HealSettings defaults() {
        return new HealSettings(true, List.of(), HealMode.REALIGN, true, DEFAULT_FINGERPRINT_TABLE);
    }

    /**
     * Whether a version is certified idempotent.
     * @param version the version
     * @return whether it is listed
     */
    boolean certifies(MigrationVersion version) {
        return this.versions.stream()
                .anyMatch((listed) -> MigrationVersion.fromVersion(listed).equals(version));
    }
}
