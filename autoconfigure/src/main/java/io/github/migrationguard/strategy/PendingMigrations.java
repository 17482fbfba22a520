package io.github.migrationguard.strategy;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The migrations Flyway would apply now, and the version step they make.
 *
 * @param count how many migrations are pending, repeatable ones included
 * @param fromVersion the current schema version, or {@code null} when none is applied
 * @param toVersion the version after the pending migrations, or {@code null} when no versioned one is pending
 */
record PendingMigrations(int count, String fromVersion, String toVersion) {

    static PendingMigrations of(MigrationInfoService info) {
        MigrationInfo current = info.current();
        String from = (current != null && current.getVersion() != null)
                ? current.getVersion().getVersion()
                : null;
        String to = from;
        MigrationInfo[] pending = info.pending();
        for (MigrationInfo migration : pending) {
            MigrationVersion version = migration.getVersion();
            if (version != null) {
                to = version.getVersion();
            }
        }
        return new PendingMigrations(pending.length, from, to);
    }

    /**
     * Returns the snapshot name detail, {@code v<from>-to-v<to>}.
     * @return the detail
     */
    String detail() {
        return "v" + orZero(this.fromVersion) + "-to-v" + orZero(this.toVersion);
    }

    private static String orZero(String version) {
        return (version != null) ? version : "0";
    }
}
