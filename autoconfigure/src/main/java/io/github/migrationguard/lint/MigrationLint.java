package io.github.migrationguard.lint;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Internal: lint around a migration: before migrating, the pending SQL migrations that will not do on SQLite what their
 * author thinks; after migrating, {@code PRAGMA foreign_key_check}. Each finding is logged as a WARN with file, line
 * and fix, and stops startup when {@link LintFailOn#WARNING} says so.
 */
public final class MigrationLint {

    private static final Log logger = LogFactory.getLog(MigrationLint.class);

    private final LintSettings settings;

    public MigrationLint(LintSettings settings) {
        this.settings = settings;
    }

    /**
     * Lints the pending SQL migrations.
     * @param flyway the Flyway about to migrate
     * @return the findings
     * @throws LintException when there are findings and they stop startup
     */
    public List<LintFinding> beforeMigrate(Flyway flyway) {
        if (!this.settings.enabled()) {
            return List.of();
        }
        return beforeMigrate(flyway, flyway.info().pending());
    }

    /**
     * Lints the given pending SQL migrations, from a look at Flyway already taken.
     * @param flyway the Flyway about to migrate
     * @param pending its pending migrations
     * @return the findings
     * @throws LintException when there are findings and they stop startup
     */
    public List<LintFinding> beforeMigrate(Flyway flyway, MigrationInfo[] pending) {
        if (!this.settings.enabled()) {
            return List.of();
        }
        List<LintFinding> findings = new ArrayList<>();
        try (SqliteAlterCheck alterCheck = SqliteAlterCheck.open()) {
            for (PendingScript script : PendingScript.of(flyway.getConfiguration(), pending)) {
                findings.addAll(ScriptLinter.lint(script.script(), script.text(), script.transactional(), alterCheck));
            }
        }
        return enforce(findings, "before migrating; nothing was migrated");
    }

    /**
     * Checks foreign keys of a SQLite database after migrating; other databases are left alone.
     * @param dataSource the migrated database
     * @return the findings
     * @throws LintException when there are findings and they stop startup
     */
    public List<LintFinding> afterMigrate(DataSource dataSource) {
        if (!this.settings.enabled()) {
            return List.of();
        }
        return enforce(ForeignKeyCheck.run(dataSource), "after migrating; the migrations were applied");
    }

    private List<LintFinding> enforce(List<LintFinding> findings, String when) {
        for (LintFinding finding : findings) {
            logger.warn("Migration lint: " + finding.message());
        }
        if (!findings.isEmpty() && this.settings.failOn() == LintFailOn.WARNING) {
            throw new LintException(
                    "Startup stopped by " + findings.size() + " migration lint finding(s) " + when
                            + " (migration-guard.lint.fail-on=warning): "
                            + findings.get(0).message()
                            + ((findings.size() > 1) ? " (and more, logged above)" : ""),
                    findings);
        }
        return List.copyOf(findings);
    }
}
