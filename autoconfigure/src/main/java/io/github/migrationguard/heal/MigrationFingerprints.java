package io.github.migrationguard.heal;

import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Fingerprints of migration files as they are now, placeholders replaced as Flyway would.
 */
final class MigrationFingerprints {

    private final MigrationScripts scripts;

    private final Placeholders placeholders;

    private final SqlDialect dialect;

    MigrationFingerprints(Configuration configuration, FlywayDatabase database) {
        this.scripts = new MigrationScripts(configuration);
        this.placeholders = new Placeholders(configuration, database.schema());
        this.dialect = database.dialect();
    }

    /**
     * Returns the fingerprint of a migration's file.
     * @param migration the migration
     * @return the fingerprint, or empty when it is not a SQL migration or its file cannot be read
     */
    Optional<String> of(MigrationInfo migration) {
        return sql(migration).map((sql) -> Fingerprint.of(sql, this.dialect));
    }

    /**
     * Returns the SQL of a migration's file as Flyway would run it.
     * @param migration the migration
     * @return the SQL, or empty when it is not a SQL migration or its file cannot be read
     */
    Optional<String> sql(MigrationInfo migration) {
        return this.scripts.read(migration).map((text) -> this.placeholders.replace(text, migration.getScript()));
    }

    SqlDialect dialect() {
        return this.dialect;
    }
}
