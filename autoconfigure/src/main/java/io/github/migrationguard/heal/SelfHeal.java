package io.github.migrationguard.heal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Internal: self-heal as a guarded run uses it, the one entry into this package for {@code strategy}: plan the heals
 * from one look at Flyway, apply them after the snapshot (to the live database, and to the rehearsal's copy), and
 * record fingerprints after migrating, so that later cosmetic drift can be proven. {@link ChecksumHealer} heals,
 * {@link FingerprintRecorder} records; this one only hands on.
 */
public final class SelfHeal {

    private final ChecksumHealer healer;

    private final FingerprintRecorder fingerprints;

    /**
     * Creates self-heal.
     * @param settings how checksum drift is healed
     * @param clock the clock for the time fingerprints are recorded at
     */
    public SelfHeal(HealSettings settings, Clock clock) {
        this.healer = new ChecksumHealer(settings);
        this.fingerprints = new FingerprintRecorder(settings, clock);
    }

    /**
     * Whether Flyway's info alone shows that validation passes ({@link ChecksumHealer#validates}).
     * @param info Flyway's migrations
     * @return {@code true} when nothing could fail validation; {@code false} when only Flyway can tell
     */
    public boolean validates(MigrationInfoService info) {
        return this.healer.validates(info);
    }

    /**
     * Decides, without writing anything, what to heal and what stands in the way of Flyway's migrate
     * ({@link ChecksumHealer#plan(Flyway, MigrationInfoService)}).
     * @param flyway the configured Flyway
     * @param info Flyway's migrations
     * @return the plan; its problems are those Flyway's migrate would fail on after the planned heals
     */
    public HealPlan plan(Flyway flyway, MigrationInfoService info) {
        return this.healer.plan(flyway, info);
    }

    /**
     * Carries out the planned heals in one transaction; the caller has taken the snapshot that undoes them.
     * @param flyway the configured Flyway
     * @param plan the plan, free of problems
     * @return the heals, in version order
     */
    public List<Heal> apply(Flyway flyway, HealPlan plan) {
        return this.healer.apply(flyway, plan);
    }

    /**
     * Carries out the planned heals on a rehearsal copy, without logging them.
     * @param copy a Flyway configured for the copy of the database the plan was made on
     * @param plan the plan, free of problems
     */
    public void applyToCopy(Flyway copy, HealPlan plan) {
        this.healer.applyToCopy(copy, plan);
    }

    /**
     * Records the fingerprints of the given applied migrations.
     * @param flyway the configured Flyway
     * @param applied the applied migrations as Flyway reports them after migrate
     * @return how many fingerprints were recorded
     */
    public int recordFingerprints(Flyway flyway, MigrationInfo[] applied) {
        return this.fingerprints.record(flyway, applied);
    }

    /**
     * Records, after a successful migrate, the fingerprints of the migrations this run healed or migrated
     * ({@link FingerprintRecorder#record(Flyway, MigrationInfo[], Set, Set)}).
     * @param flyway the configured Flyway
     * @param before every migration as Flyway reported it before this run wrote anything
     * @param healed the versions this run healed
     * @param migrated the versions this run applied
     * @return how many fingerprints were recorded
     */
    public int recordFingerprints(Flyway flyway, MigrationInfo[] before, Set<String> healed, Set<String> migrated) {
        return this.fingerprints.record(flyway, before, healed, migrated);
    }
}
