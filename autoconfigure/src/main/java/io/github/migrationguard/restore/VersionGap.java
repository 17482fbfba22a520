package io.github.migrationguard.restore;

import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * A database ahead of the application: it holds applied versioned migrations newer than every versioned migration
 * the application has, as after an older build was deployed again.
 *
 * @param database the newest applied version, unknown to the application
 * @param application the newest versioned migration the application has
 */
record VersionGap(MigrationVersion database, MigrationVersion application) {

    /**
     * Compares what the database has applied with what the application resolves.
     * @param info Flyway's view of the migrations
     * @return the gap, or empty when the database is not ahead; also empty when the application has no versioned
     * migration at all (more likely a wrong location than an older build, and never a reason to go back to v0)
     */
    static Optional<VersionGap> of(MigrationInfoService info) {
        MigrationVersion resolved = null;
        MigrationVersion future = null;
        for (MigrationInfo migration : info.all()) {
            MigrationVersion version = migration.getVersion();
            if (version == null) {
                continue;
            }
            MigrationState state = migration.getState();
            if (state.isResolved()) {
                resolved = newer(resolved, version);
            } else if (state == MigrationState.FUTURE_SUCCESS) {
                future = newer(future, version);
            }
        }
        if (resolved == null || future == null || future.compareTo(resolved) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new VersionGap(future, resolved));
    }

    private static MigrationVersion newer(MigrationVersion current, MigrationVersion candidate) {
        return (current == null || candidate.compareTo(current) > 0) ? candidate : current;
    }
}
