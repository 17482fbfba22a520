package io.github.migrationguard.heal;

import java.util.Objects;
import org.flywaydb.core.api.MigrationInfo;

/**
 * An applied versioned migration whose file no longer has the checksum the schema history holds.
 *
 * @param migration what Flyway knows of the migration, as the file on disk now describes it
 * @param recorded the schema history row of the migration, as it was applied
 */
record ChecksumDrift(MigrationInfo migration, HistoryRow recorded) {

    String version() {
        return this.migration.getVersion().getVersion();
    }

    /**
     * Returns the script on disk now.
     * @return the file name Flyway resolved for this version
     */
    String script() {
        return this.migration.getScript();
    }

    Integer appliedChecksum() {
        return this.migration.getAppliedChecksum();
    }

    Integer localChecksum() {
        return this.migration.getResolvedChecksum();
    }

    /**
     * Whether the file on disk is another migration than the one applied under this version: its description or its
     * type differs from the schema history row, so a checksum heal would not satisfy Flyway.
     * @return whether the version number now belongs to a different migration
     */
    boolean isAnotherMigration() {
        return !Objects.equals(this.recorded.description(), this.migration.getDescription())
                || !Objects.equals(this.recorded.type(), String.valueOf(this.migration.getType()));
    }

    Heal healed(Heal.Reason reason, boolean reapplied) {
        return new Heal(version(), script(), reason, appliedChecksum(), localChecksum(), reapplied);
    }
}
