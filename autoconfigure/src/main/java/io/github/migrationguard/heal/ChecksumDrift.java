package io.github.migrationguard.heal;

import java.util.Objects;
import org.flywaydb.core.api.MigrationInfo;

/**
 * An applied versioned migration whose file no longer has the checksum the schema history holds.
 *
 * @param migration what Flyway knows of the migration
 * @param recorded the schema history row of the migration, as it was applied
 * @param script the file on disk now, which may have another name than the one recorded
 * @param description the description Flyway derives from that file's name
 * @param typeChanged whether Flyway's validation reports that the migration on disk is of another type (SQL, Java,
 * baseline) than the one applied
 */
record ChecksumDrift(
        MigrationInfo migration, HistoryRow recorded, String script, String description, boolean typeChanged) {

    /**
     * How Flyway records an empty description.
     */
    private static final String NO_DESCRIPTION = "<< no description >>";

    String version() {
        return this.migration.getVersion().getVersion();
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
        return this.typeChanged || !sameDescription(this.recorded.description(), this.description);
    }

    private static boolean sameDescription(String recorded, String onDisk) {
        return Objects.equals(recorded, onDisk) || (NO_DESCRIPTION.equals(recorded) && onDisk.isEmpty());
    }

    Heal healed(Heal.Reason reason, boolean reapplied) {
        return new Heal(version(), this.script, reason, appliedChecksum(), localChecksum(), reapplied);
    }
}
