package io.github.migrationguard.lint;

import io.github.migrationguard.sql.MigrationScript;
import io.github.migrationguard.sql.MigrationScripts;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * A pending SQL migration as lint reads it: its script, its text, and whether Flyway will run it in a transaction.
 *
 * @param script the script name, relative to its location
 * @param text the script text
 * @param transactional whether Flyway runs it inside a transaction
 */
record PendingScript(String script, String text, boolean transactional) {

    /**
     * Reads the given pending SQL migrations.
     * @param configuration the Flyway configuration
     * @param pending the pending migrations, from a look already taken
     * @return the scripts in the order Flyway would apply them; scripts that cannot be found are left out
     */
    static List<PendingScript> of(Configuration configuration, MigrationInfo[] pending) {
        MigrationScripts reader = new MigrationScripts(configuration);
        List<PendingScript> scripts = new ArrayList<>();
        for (MigrationInfo migration : pending) {
            reader.read(migration)
                    .ifPresent((script) -> scripts.add(
                            new PendingScript(script.name(), script.text(), transactional(script, configuration))));
        }
        return scripts;
    }

    /**
     * Decides as Flyway does: the script's own {@code .conf} first; otherwise in a transaction when Flyway is
     * configured to and its SQLite parser finds no statement that cannot run in one.
     */
    private static boolean transactional(MigrationScript script, Configuration configuration) {
        if (script.executeInTransaction() != null) {
            return script.executeInTransaction();
        }
        return configuration.isExecuteInTransaction() && !ScriptLinter.flywayRunsOutsideTransaction(script.text());
    }
}
