package io.github.migrationguard.heal;

import java.util.Objects;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

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
     * Returns the script on disk now. Flyway's migration info names the applied script once a version is applied, so
     * the resolved migration behind it is asked.
     * @return the file name Flyway resolved for this version
     */
    String script() {
        ResolvedMigration resolved = resolved();
        return (resolved != null) ? resolved.getScript() : this.migration.getScript();
    }

    /**
     * Returns the description of the file on disk now.
     * @return the description Flyway resolved for this version
     */
    String description() {
        ResolvedMigration resolved = resolved();
        return (resolved != null) ? resolved.getDescription() : this.migration.getDescription();
    }

    private ResolvedMigration resolved() {
        return (this.migration instanceof MigrationInfoImpl info) ? info.getResolvedMigration() : null;
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
        ResolvedMigration resolved = resolved();
        String type = String.valueOf((resolved != null) ? resolved.getType() : this.migration.getType());
        return !Objects.equals(this.recorded.description(), description())
                || !Objects.equals(this.recorded.type(), type);
    }

    Heal healed(Heal.Reason reason, boolean reapplied) {
        return new Heal(version(), script(), reason, appliedChecksum(), localChecksum(), reapplied);
    }
}
