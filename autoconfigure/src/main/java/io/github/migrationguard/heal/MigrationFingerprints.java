package io.github.migrationguard.heal;

import io.github.migrationguard.sql.MigrationScript;
import io.github.migrationguard.sql.MigrationScripts;
import io.github.migrationguard.sql.SqlDialect;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Fingerprints of migration files as they are now. Like Flyway's checksum, a fingerprint is taken of the file as
 * written, placeholders unreplaced: a placeholder's value is configuration, not part of the migration.
 */
final class MigrationFingerprints {

    private final MigrationScripts scripts;

    private final Placeholders placeholders;

    private final SqlDialect dialect;

    private final boolean placeholderReplacement;

    MigrationFingerprints(Configuration configuration, FlywayDatabase database) {
        this.scripts = new MigrationScripts(configuration);
        this.placeholders = new Placeholders(configuration, database.schema());
        this.dialect = database.dialect();
        this.placeholderReplacement = configuration.isPlaceholderReplacement();
    }

    /**
     * Returns the fingerprint of a migration's file.
     * @param migration the migration
     * @return the fingerprint, or empty when it is not a SQL migration or its file cannot be read
     */
    Optional<String> of(MigrationInfo migration) {
        return this.scripts.read(migration).map((script) -> Fingerprint.of(script.text(), this.dialect));
    }

    /**
     * Returns the fingerprint of a migration's file in the format of a recorded one.
     * @param migration the migration
     * @param recorded the recorded fingerprint to compare with
     * @return the fingerprint, or empty when it is not a SQL migration or its file cannot be read
     */
    Optional<String> like(MigrationInfo migration, String recorded) {
        return this.scripts.read(migration).map((script) -> Fingerprint.like(script.text(), this.dialect, recorded));
    }

    /**
     * Returns the SQL of a migration's file as Flyway would run it.
     * @param migration the migration
     * @return the SQL, or empty when it is not a SQL migration or its file cannot be read
     */
    Optional<String> sql(MigrationInfo migration) {
        return this.scripts.read(migration).map(this::sql);
    }

    private String sql(MigrationScript script) {
        // The script's own .conf decides for it alone, as in Flyway
        boolean replace = (script.placeholderReplacement() != null)
                ? script.placeholderReplacement()
                : this.placeholderReplacement;
        return replace ? this.placeholders.replace(script.text(), script.name()) : script.text();
    }

    SqlDialect dialect() {
        return this.dialect;
    }
}
