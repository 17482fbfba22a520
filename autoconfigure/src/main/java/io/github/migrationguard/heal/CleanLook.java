package io.github.migrationguard.heal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * Tells from Flyway's {@code info()} alone that validation would pass, so that a boot need not ask Flyway to validate
 * as well: every Flyway command logs Flyway's banner and schema history lines again. Conservative: any migration that
 * might fail validation (drift, a failed, missing, ignored or future migration, a file renamed...) sends the plan to
 * Flyway's own {@code validateWithResult()}, which decides exactly.
 */
final class CleanLook {

    /** States that never fail validation by themselves; applied ones still need their file to match. */
    private static final Set<MigrationState> CLEAN = EnumSet.of(
            MigrationState.PENDING,
            MigrationState.ABOVE_TARGET,
            MigrationState.BELOW_BASELINE,
            MigrationState.BASELINE_IGNORED,
            MigrationState.BASELINE,
            MigrationState.SUCCESS,
            MigrationState.OUT_OF_ORDER,
            MigrationState.OUTDATED,
            MigrationState.SUPERSEDED);

    /** Repeatable migrations whose file changed since they ran: pending again, not a validation error. */
    private static final Set<MigrationState> RERUN = EnumSet.of(MigrationState.OUTDATED, MigrationState.SUPERSEDED);

    private CleanLook() {}

    /**
     * Whether validation certainly passes for the migrations Flyway's info reports.
     * @param info Flyway's migrations
     * @return {@code true} when nothing could fail validation; {@code false} when only Flyway can tell
     */
    static boolean validates(MigrationInfoService info) {
        return Arrays.stream(info.all()).allMatch(CleanLook::validates);
    }

    private static boolean validates(MigrationInfo migration) {
        MigrationState state = migration.getState();
        if (!CLEAN.contains(state)) {
            return false;
        }
        if (!state.isApplied() || RERUN.contains(state) || state == MigrationState.BASELINE) {
            return true;
        }
        return migration.isChecksumMatching() && sameFile(migration);
    }

    /**
     * Whether the applied script is the file on disk now: a description or type change renames the file, which only
     * Flyway's validation reports (the public API does not show the file's own description).
     */
    private static boolean sameFile(MigrationInfo migration) {
        String script = migration.getScript();
        String location = migration.getPhysicalLocation();
        if (script == null || script.isEmpty() || location == null || location.isEmpty()) {
            return false;
        }
        String file = location.replace('\\', '/');
        String applied = script.replace('\\', '/');
        return file.equals(applied) || file.endsWith("/" + applied);
    }
}
