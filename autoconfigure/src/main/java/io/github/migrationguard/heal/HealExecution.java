package io.github.migrationguard.heal;

import io.github.migrationguard.sql.SqlStatement;
import io.github.migrationguard.sql.SqlStatements;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out the planned heals in one transaction: re-runs the certified scripts in {@code reapply} mode, then stores
 * each file's checksum in that migration's schema history row and nowhere else. All or none.
 */
final class HealExecution {

    private static final Log logger = LogFactory.getLog(HealExecution.class);

    private final FlywayDatabase database;

    private final HistoryTable history;

    private final MigrationFingerprints fingerprints;

    private final TransactionTemplate transaction;

    HealExecution(Configuration configuration, FlywayDatabase database) {
        this.database = database;
        this.history = new HistoryTable(database, configuration.getTable());
        this.fingerprints = new MigrationFingerprints(configuration, database);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(configuration.getDataSource()));
    }

    /**
     * Carries out heals.
     * @param planned the planned heals
     * @param log whether to log each heal at WARN
     * @return the heals
     * @throws ChecksumDriftException when one fails; the transaction is rolled back and none is kept
     */
    List<Heal> apply(List<HealPlan.PlannedHeal> planned, boolean log) {
        this.transaction.executeWithoutResult((status) -> planned.forEach(this::carryOut));
        List<Heal> heals = planned.stream().map(HealPlan.PlannedHeal::heal).toList();
        if (log) {
            heals.forEach(HealExecution::log);
        }
        return heals;
    }

    private void carryOut(HealPlan.PlannedHeal heal) {
        ChecksumDrift drift = heal.drift();
        try {
            if (heal.reapply()) {
                reapply(drift);
            }
            this.history.realign(drift);
        } catch (DataAccessException | IllegalStateException ex) {
            String cause = (ex instanceof DataAccessException dataAccess)
                    ? dataAccess.getMostSpecificCause().getMessage()
                    : ex.getMessage();
            throw new ChecksumDriftException(
                    "Could not heal migration " + drift.version() + " (" + drift.script() + ") by "
                            + heal.reason().value() + (heal.reapply() ? " (re-running the certified script)" : "")
                            + ": " + cause + ". Every heal of this boot was rolled back and no migration ran; fix the "
                            + "script, or heal it with migration-guard.self-heal.mode=realign, or revert the file",
                    ex);
        }
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

    private static void log(Heal heal) {
        logger.warn("Healed checksum drift of migration " + heal.version() + " (" + heal.script() + ") by "
                + heal.reason().value() + explanation(heal) + ": schema history checksum " + heal.oldChecksum() + " -> "
                + heal.newChecksum() + ". " + nextStep(heal));
    }

    private static String nextStep(Heal heal) {
        return (heal.reason() == Heal.Reason.FINGERPRINT)
                ? "Nothing to do."
                : "Remove " + heal.version() + " from migration-guard.self-heal.versions once every environment has "
                        + "started with this file.";
    }

    private static String explanation(Heal heal) {
        if (heal.reason() == Heal.Reason.FINGERPRINT) {
            return " (only whitespace, comments or keyword case changed)";
        }
        return heal.reapplied()
                ? " (certified idempotent in migration-guard.self-heal.versions, re-ran the script)"
                : " (certified idempotent in migration-guard.self-heal.versions)";
    }
}
