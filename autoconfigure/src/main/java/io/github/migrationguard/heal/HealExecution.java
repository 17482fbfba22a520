package io.github.migrationguard.heal;

import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.SqlStatements;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out one planned heal in one transaction: optionally re-runs the certified script, then stores the file's
 * checksum in that migration's schema history row and nowhere else.
 */
final class HealExecution {

    private static final Log logger = LogFactory.getLog(HealExecution.class);

    private final FlywayDatabase database;

    private final HistoryTable history;

    private final MigrationFingerprints fingerprints;

    private final HealMode mode;

    private final TransactionTemplate transaction;

    HealExecution(Configuration configuration, FlywayDatabase database, HealMode mode) {
        this.database = database;
        this.history = new HistoryTable(database, configuration.getTable());
        this.fingerprints = new MigrationFingerprints(configuration, database);
        this.mode = mode;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(configuration.getDataSource()));
    }

    /**
     * Heals a drift.
     * @param drift the drift
     * @param reason why healing it is safe
     * @return the heal
     */
    Heal heal(ChecksumDrift drift, Heal.Reason reason) {
        boolean reapply = reason == Heal.Reason.ALLOWLIST && this.mode == HealMode.REAPPLY;
        try {
            this.transaction.executeWithoutResult((status) -> {
                if (reapply) {
                    reapply(drift);
                }
                this.history.realign(drift);
            });
        } catch (DataAccessException ex) {
            throw new ChecksumDriftException(
                    "Could not heal migration " + drift.version() + " (" + drift.script()
                            + ") by " + reason.tag() + (reapply ? " (re-running the certified script)" : "") + ": "
                            + ex.getMostSpecificCause().getMessage()
                            + ". The heal was rolled back where the database allows "
                            + "it; fix the script, or heal it with migration-guard.self-heal.mode=realign, or revert the file",
                    ex);
        }
        Heal heal = drift.healed(reason, reapply);
        logger.warn("Healed checksum drift of migration " + heal.version() + " (" + heal.script() + ") by "
                + reason.tag() + explanation(heal) + ": schema history checksum " + heal.oldChecksum() + " -> "
                + heal.newChecksum() + ". " + nextStep(heal));
        return heal;
    }

    private void reapply(ChecksumDrift drift) {
        String sql = this.fingerprints
                .sql(drift.migration())
                .orElseThrow(() -> new IllegalStateException("Cannot re-run migration " + drift.version() + ": "
                        + drift.script() + " could not be read from Flyway's locations"));
        for (SqlStatement statement : SqlStatements.split(sql, this.fingerprints.dialect())) {
            this.database.jdbc().execute(statement.text());
        }
    }

    private static String nextStep(Heal heal) {
        return (heal.reason() == Heal.Reason.FINGERPRINT)
                ? "Nothing to do."
                : "Remove " + heal.version() + " from migration-guard.self-heal.versions once every environment has "
                        + "started with this file.";
    }

    private static String explanation(Heal heal) {
        if (heal.reason() == Heal.Reason.FINGERPRINT) {
            return " (only whitespace or comments changed)";
        }
        return heal.reapplied()
                ? " (certified idempotent in migration-guard.self-heal.versions, re-ran the script)"
                : " (certified idempotent in migration-guard.self-heal.versions)";
    }
}
