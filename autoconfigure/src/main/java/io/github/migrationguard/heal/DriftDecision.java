package io.github.migrationguard.heal;

import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Decides, for each drifted version, whether it heals (and why) or is refused (and why).
 */
final class DriftDecision {

    private final HealSettings settings;

    private final Configuration configuration;

    private final FlywayDatabase database;

    private DriftProof proof;

    DriftDecision(HealSettings settings, Configuration configuration, FlywayDatabase database) {
        this.settings = settings;
        this.configuration = configuration;
        this.database = database;
    }

    /**
     * Adds a drift to the heals or to the problems.
     * @param drift the drift
     * @param heals where a heal goes
     * @param problems where a refusal goes
     */
    void decide(ChecksumDrift drift, List<HealPlan.PlannedHeal> heals, List<String> problems) {
        if (drift.isAnotherMigration()) {
            problems.add(Refusals.anotherMigration(drift));
        } else if (!this.settings.enabled()) {
            problems.add(Refusals.unproven(drift, "migration-guard.self-heal.enabled is false"));
        } else if (this.settings.certifies(drift.migration().getVersion())) {
            heals.add(new HealPlan.PlannedHeal(drift, Heal.Reason.ALLOWLIST, this.settings.mode() == HealMode.REAPPLY));
        } else {
            String unproven = proof().whyUnproven(drift);
            if (unproven == null) {
                heals.add(new HealPlan.PlannedHeal(drift, Heal.Reason.FINGERPRINT, false));
            } else {
                problems.add(Refusals.unproven(drift, unproven));
            }
        }
    }

    private DriftProof proof() {
        if (this.proof == null) {
            // Reads the fingerprint table: only when a drift needs a proof
            this.proof = new DriftProof(this.settings, this.configuration, this.database);
        }
        return this.proof;
    }
}
