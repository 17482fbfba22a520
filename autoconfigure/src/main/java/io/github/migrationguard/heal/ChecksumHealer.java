package io.github.migrationguard.heal;

import io.github.migrationguard.sql.MigrationScripts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Heals checksum drift of applied versioned migrations when it is certified or proven harmless. In two steps:
 * a {@link #plan plan} from one look at Flyway that writes nothing and lists every validation problem a heal would not
 * clear, then {@link #apply} after the snapshot, in one transaction.
 */
final class ChecksumHealer {

    private static final Log logger = LogFactory.getLog(ChecksumHealer.class);

    private final HealSettings settings;

    ChecksumHealer(HealSettings settings) {
        this.settings = settings;
    }

    /**
     * Plans, checks and carries out the heals in one go, with no snapshot in between: a run's heal step alone.
     * @param flyway the configured Flyway
     * @return the heals, in version order; empty when nothing drifted
     * @throws ChecksumDriftException when a validation problem would remain; nothing is written then
     */
    List<Heal> heal(Flyway flyway) {
        HealPlan plan = plan(flyway, flyway.info());
        plan.requireNoProblems();
        return apply(flyway, plan);
    }

    /**
     * Whether Flyway's info alone shows that validation passes (see {@link CleanLook}).
     * @param info Flyway's migrations
     * @return {@code true} when nothing could fail validation; {@code false} when only Flyway can tell
     */
    boolean validates(MigrationInfoService info) {
        return CleanLook.validates(info);
    }

    /**
     * Decides, without writing anything, what to heal and what stands in the way of Flyway's migrate, from Flyway's
     * info alone when it shows that validation passes; otherwise asks Flyway to validate, which logs Flyway's banner
     * once more.
     * @param flyway the configured Flyway
     * @param info Flyway's migrations
     * @return the plan; its problems are those Flyway's migrate would fail on after the planned heals
     */
    HealPlan plan(Flyway flyway, MigrationInfoService info) {
        if (CleanLook.validates(info)) {
            warnAboutIdleCertifications(info.applied(), Set.of());
            return HealPlan.NOTHING;
        }
        return plan(flyway, flyway.validateWithResult(), info);
    }

    /**
     * Decides, without writing anything, what to heal and what stands in the way of Flyway's migrate.
     * @param flyway the configured Flyway
     * @param validation Flyway's validation result
     * @param info Flyway's migrations, from the same look
     * @return the plan; its problems are those Flyway's migrate would fail on after the planned heals
     */
    HealPlan plan(Flyway flyway, ValidateResult validation, MigrationInfoService info) {
        Configuration configuration = flyway.getConfiguration();
        MigrationInfo[] applied = info.applied();
        List<ValidateOutput> invalid = blocking(validation, info);
        if (invalid.isEmpty()) {
            warnAboutIdleCertifications(applied, Set.of());
            return HealPlan.NOTHING;
        }
        Set<MigrationVersion> invalidVersions = invalid.stream()
                .filter((output) -> output.version != null && !output.version.isEmpty())
                .map((output) -> MigrationVersion.fromVersion(output.version))
                .collect(Collectors.toSet());
        List<MigrationInfo> drifted = Arrays.stream(applied)
                .filter((migration) -> isDrift(migration, invalidVersions))
                .toList();
        FlywayDatabase database = FlywayDatabase.of(configuration);
        List<ChecksumDrift> drifts = drifts(
                drifted, new HistoryTable(database, configuration.getTable()), typeChanged(invalid), configuration);
        Set<String> driftVersions = drifts.stream().map(ChecksumDrift::version).collect(Collectors.toSet());
        warnAboutIdleCertifications(applied, driftVersions);
        List<HealPlan.PlannedHeal> heals = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        DriftDecision decision = new DriftDecision(this.settings, configuration, database);
        for (ChecksumDrift drift : drifts) {
            decision.decide(drift, heals, problems);
        }
        invalid.stream()
                .filter((output) -> !driftVersions.contains(output.version))
                .forEach((output) -> problems.add(Refusals.flyway(output)));
        // Without validateOnMigrate, Flyway migrates whatever validation says: refusing would be stricter than Flyway
        return new HealPlan(heals, configuration.isValidateOnMigrate() ? problems : List.of());
    }

    /**
     * Carries out the planned heals in one transaction; the caller has taken the snapshot that undoes them.
     * @param flyway the configured Flyway
     * @param plan the plan, free of problems
     * @return the heals, in version order
     * @throws ChecksumDriftException when a heal fails; none is kept then
     */
    List<Heal> apply(Flyway flyway, HealPlan plan) {
        if (!plan.writes()) {
            return List.of();
        }
        Configuration configuration = flyway.getConfiguration();
        return new HealExecution(configuration, FlywayDatabase.of(configuration)).apply(plan.planned(), true);
    }

    /**
     * Carries out the planned heals on a rehearsal copy, without logging them: the live heals are the ones reported.
     * @param copy a Flyway configured for the copy of the database the plan was made on
     * @param plan the plan, free of problems
     */
    void applyToCopy(Flyway copy, HealPlan plan) {
        if (plan.writes()) {
            Configuration configuration = copy.getConfiguration();
            new HealExecution(configuration, FlywayDatabase.of(configuration)).apply(plan.planned(), false);
        }
    }

    /**
     * Returns the validation errors Flyway's migrate would fail on: validation also reports the migrations migrate
     * is about to apply.
     */
    private static List<ValidateOutput> blocking(ValidateResult validation, MigrationInfoService info) {
        if (validation.invalidMigrations == null || validation.invalidMigrations.isEmpty()) {
            return List.of();
        }
        Set<String> pending = Arrays.stream(info.pending())
                .filter(MigrationInfo::isVersioned)
                .map((migration) -> migration.getVersion().getVersion())
                .collect(Collectors.toSet());
        return validation.invalidMigrations.stream()
                .filter((output) -> !isPending(output, pending))
                .toList();
    }

    private static boolean isPending(ValidateOutput output, Set<String> pending) {
        ErrorCode code = (output.errorDetails != null) ? output.errorDetails.errorCode : null;
        if (code == CoreErrorCode.OUTDATED_REPEATABLE_MIGRATION
                || code == CoreErrorCode.RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED) {
            return true;
        }
        return code == CoreErrorCode.RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED && pending.contains(output.version);
    }

    private static boolean isDrift(MigrationInfo migration, Set<MigrationVersion> invalid) {
        return migration.isVersioned()
                && invalid.contains(migration.getVersion())
                && migration.getAppliedChecksum() != null
                && migration.getResolvedChecksum() != null
                && !Objects.equals(migration.getAppliedChecksum(), migration.getResolvedChecksum());
    }

    private static List<ChecksumDrift> drifts(
            List<MigrationInfo> drifted, HistoryTable history, Set<String> typeChanged, Configuration configuration) {
        if (drifted.isEmpty()) {
            return List.of();
        }
        Map<Integer, HistoryRow> rows = history.rows(
                drifted.stream().map(MigrationInfo::getInstalledRank).toList());
        // Flyway's info names the applied script once a version is applied: the file on disk now is read instead
        MigrationScripts scripts = new MigrationScripts(configuration);
        return drifted.stream()
                .map((migration) -> {
                    Optional<String> script = scripts.scriptName(migration);
                    return new ChecksumDrift(
                            migration,
                            rows.get(migration.getInstalledRank()),
                            script.orElse(migration.getScript()),
                            script.map(scripts::description).orElse(migration.getDescription()),
                            typeChanged.contains(migration.getVersion().getVersion()));
                })
                .toList();
    }

    /**
     * Returns the versions whose migration on disk is of another type than the one applied. Flyway's info does not
     * say (its resolved type is not filled in); its validation does, and checks the type before the checksum.
     */
    private static Set<String> typeChanged(List<ValidateOutput> invalid) {
        return invalid.stream()
                .filter((output) ->
                        output.errorDetails != null && output.errorDetails.errorCode == CoreErrorCode.TYPE_MISMATCH)
                .map((output) -> output.version)
                .collect(Collectors.toSet());
    }

    private void warnAboutIdleCertifications(MigrationInfo[] applied, Set<String> drifted) {
        List<String> idle = new ArrayList<>();
        for (String listed : this.settings.versions()) {
            MigrationVersion version = MigrationVersion.fromVersion(listed);
            boolean isApplied = Arrays.stream(applied)
                    .anyMatch((migration) -> migration.isVersioned() && version.equals(migration.getVersion()));
            boolean isDrifted =
                    drifted.stream().anyMatch((drift) -> version.equals(MigrationVersion.fromVersion(drift)));
            if (!isApplied) {
                idle.add(listed + " (not applied)");
            } else if (!isDrifted) {
                idle.add(listed + " (checksum matches its file)");
            }
        }
        if (!idle.isEmpty()) {
            logger.warn("migration-guard.self-heal.versions lists " + String.join(", ", idle)
                    + ": nothing to heal for them; remove them from the list once no database needs healing");
        }
    }
}
