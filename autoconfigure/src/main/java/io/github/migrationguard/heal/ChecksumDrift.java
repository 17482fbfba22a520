package io.github.migrationguard.heal;

import org.flywaydb.core.api.MigrationInfo;

/**
 * An applied versioned migration whose file no longer has the checksum the schema history holds.
 *
 * @param migration what Flyway knows of the migration
 */
record ChecksumDrift(MigrationInfo migration) {

    String version() {
        return this.migration.getVersion().getVersion();
    }

    String script() {
        return this.migration.getScript();
    }

    Integer appliedChecksum() {
        return this.migration.getAppliedChecksum();
    }

    Integer localChecksum() {
        return this.migration.getResolvedChecksum();
    }

    Heal healed(Heal.Reason reason, boolean reapplied) {
        return new Heal(version(), script(), reason, appliedChecksum(), localChecksum(), reapplied);
    }
}
