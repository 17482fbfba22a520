package io.github.migrationguard.heal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Heals checksum drift of applied versioned migrations when it is certified or proven harmless, and stops startup,
 * with the database untouched, when it is neither. Every other validation error is left to Flyway.
 */
public final class ChecksumHealer {

    private static final Log logger = LogFactory.getLog(ChecksumHealer.class);

    private final HealSettings settings;

    public ChecksumHealer(HealSettings settings) {
        this.settings = settings;
    }

    /**
     * Validates the migrations behind a Flyway and heals their checksum drift.
     * @param flyway the configured Flyway
     * @return the heals, in version order; empty when nothing drifted
     * @throws ChecksumDriftException when a drift is neither certified nor proven harmless
     */
    public List<Heal> heal(Flyway flyway) {
        if (!this.settings.enabled()) {
            return List.of();
        }
        Set<MigrationVersion> mismatched = mismatchedVersions(flyway);
        if (mismatched.isEmpty() && this.settings.versions().isEmpty()) {
            return List.of();
        }
        MigrationInfo[] applied = flyway.info().applied();
        List<ChecksumDrift> drifts = Arrays.stream(applied)
                .filter((migration) -> isDrift(migration, mismatched))
                .map(ChecksumDrift::new)
                .toList();
        warnAboutIdleCertifications(applied, drifts);
        if (drifts.isEmpty()) {
            return List.of();
        }
        FlywayDatabase database = FlywayDatabase.of(flyway.getConfiguration());
        Map<ChecksumDrift, Heal.Reason> plan = plan(drifts, flyway, database);
        HealExecution execution = new HealExecution(flyway.getConfiguration(), database, this.settings.mode());
        List<Heal> heals = new ArrayList<>();
        plan.forEach((drift, reason) -> heals.add(execution.heal(drift, reason)));
        return heals;
    }

    private static Set<MigrationVersion> mismatchedVersions(Flyway flyway) {
        ValidateResult result;
        try {
            result = flyway.validateWithResult();
        } catch (FlywayException ex) {
            // whatever stops validation here stops Flyway's migrate too, with Flyway's own message
            logger.debug("Flyway validation did not complete, leaving it to Flyway: " + ex.getMessage(), ex);
            return Set.of();
        }
        return result.invalidMigrations.stream()
                .filter(ChecksumHealer::isChecksumMismatch)
                .map((invalid) -> MigrationVersion.fromVersion(invalid.version))
                .collect(Collectors.toSet());
    }

    private static boolean isChecksumMismatch(ValidateOutput invalid) {
        return invalid.errorDetails != null
                && invalid.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH
                && invalid.version != null
                && !invalid.version.isEmpty();
    }

    private static boolean isDrift(MigrationInfo migration, Set<MigrationVersion> mismatched) {
        return migration.isVersioned()
                && mismatched.contains(migration.getVersion())
                && migration.getAppliedChecksum() != null
                && migration.getResolvedChecksum() != null
                && !Objects.equals(migration.getAppliedChecksum(), migration.getResolvedChecksum());
    }

    private Map<ChecksumDrift, Heal.Reason> plan(List<ChecksumDrift> drifts, Flyway flyway, FlywayDatabase database) {
        DriftProof proof = new DriftProof(this.settings, flyway.getConfiguration(), database);
        Map<ChecksumDrift, Heal.Reason> plan = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        for (ChecksumDrift drift : drifts) {
            if (this.settings.certifies(drift.migration().getVersion())) {
                plan.put(drift, Heal.Reason.ALLOWLIST);
            } else {
                String unproven = proof.whyUnproven(drift);
                if (unproven == null) {
                    plan.put(drift, Heal.Reason.FINGERPRINT);
                } else {
                    refusals.add(refusal(drift, unproven));
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new ChecksumDriftException(String.join(System.lineSeparator(), refusals));
        }
        return plan;
    }

    private static String refusal(ChecksumDrift drift, String unproven) {
        return "Migration " + drift.version() + " (" + drift.script() + ") changed after it was applied: the schema "
                + "history holds checksum " + drift.appliedChecksum() + ", the file has " + drift.localChecksum()
                + ", and the change cannot be proven harmless (" + unproven + "). The database was not touched. "
                + "Either revert " + drift.script() + " to the content that was applied; or, if the migration is "
                + "idempotent, certify it with migration-guard.self-heal.versions=" + drift.version()
                + "; or run a Flyway repair to accept the file as it is now.";
    }

    private void warnAboutIdleCertifications(MigrationInfo[] applied, List<ChecksumDrift> drifts) {
        List<String> idle = new ArrayList<>();
        for (String listed : this.settings.versions()) {
            MigrationVersion version = MigrationVersion.fromVersion(listed);
            boolean isApplied = Arrays.stream(applied)
                    .anyMatch((migration) -> migration.isVersioned() && version.equals(migration.getVersion()));
            boolean drifted = drifts.stream()
                    .anyMatch((drift) -> version.equals(drift.migration().getVersion()));
            if (!isApplied) {
                idle.add(listed + " (not applied)");
            } else if (!drifted) {
                idle.add(listed + " (checksum matches its file)");
            }
        }
        if (!idle.isEmpty()) {
            logger.warn("migration-guard.self-heal.versions lists " + String.join(", ", idle)
                    + ": nothing to heal for them; remove them from the list once no database needs healing");
        }
    }
}
