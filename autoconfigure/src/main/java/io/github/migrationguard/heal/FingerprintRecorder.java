package io.github.migrationguard.heal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records, after a successful migrate, the fingerprint of every applied versioned SQL migration whose
 * checksum matches its file, so that later whitespace- or comment-only drift can be proven harmless. Migrations applied
 * before migration-guard was added get theirs the first time their checksum matches.
 */
final class FingerprintRecorder {

    private static final Log logger = LogFactory.getLog(FingerprintRecorder.class);

    private final HealSettings settings;

    private final Clock clock;

    FingerprintRecorder(HealSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records the fingerprints of the migrations behind a Flyway; a failure is logged, never thrown, because the
     * migration itself succeeded.
     * @param flyway the configured Flyway, after migrate
     * @return how many fingerprints were written
     */
    int record(Flyway flyway) {
        return record(flyway, flyway.info().applied());
    }

    /**
     * Records the fingerprints of the given applied migrations; a failure is logged, never thrown.
     * @param flyway the configured Flyway, after migrate
     * @param applied the applied migrations as Flyway reports them after migrate
     * @return how many fingerprints were written
     */
    int record(Flyway flyway, MigrationInfo[] applied) {
        return recordMatching(
                flyway,
                Arrays.stream(applied)
                        .filter(FingerprintRecorder::matchesItsFile)
                        .toArray(MigrationInfo[]::new));
    }

    private int recordMatching(Flyway flyway, MigrationInfo[] matching) {
        if (!this.settings.enabled() || !this.settings.fingerprint() || matching.length == 0) {
            return 0;
        }
        try {
            return recordAll(flyway, matching);
        } catch (RuntimeException ex) {
            logger.warn(
                    "Could not record migration fingerprints in " + this.settings.fingerprintTable() + ": "
                            + ex.getMessage() + ". Whitespace-only drift cannot be healed until this works; "
                            + "check that the application may create and write that table",
                    ex);
            return 0;
        }
    }

    /**
     * Records, after a successful migrate, the fingerprints of the migrations whose schema history checksum now
     * matches their file, from the look taken before migrating: no further look at Flyway is needed. A failure is
     * logged, never thrown.
     * @param flyway the configured Flyway, after migrate
     * @param before every migration as Flyway reported it before this boot wrote anything
     * @param healed the versions this boot healed
     * @param migrated the versions this boot applied
     * @return how many fingerprints were written
     */
    int record(Flyway flyway, MigrationInfo[] before, Set<String> healed, Set<String> migrated) {
        MigrationInfo[] matching = Arrays.stream(before)
                .filter((migration) -> matchesItsFile(migration) || nowMatches(migration, healed, migrated))
                .toArray(MigrationInfo[]::new);
        return recordMatching(flyway, matching);
    }

    private static boolean nowMatches(MigrationInfo migration, Set<String> healed, Set<String> migrated) {
        if (!migration.isVersioned() || migration.getResolvedChecksum() == null) {
            return false;
        }
        String version = migration.getVersion().getVersion();
        return migration.getState().isApplied() ? healed.contains(version) : migrated.contains(version);
    }

    private int recordAll(Flyway flyway, MigrationInfo[] applied) {
        FlywayDatabase database = FlywayDatabase.of(flyway.getConfiguration());
        // One transaction: one commit (one fsync) for all rows instead of one per migration
        return new TransactionTemplate(new DataSourceTransactionManager(
                        flyway.getConfiguration().getDataSource()))
                .execute((status) -> recordAll(flyway, database, applied));
    }

    private int recordAll(Flyway flyway, FlywayDatabase database, MigrationInfo[] applied) {
        FingerprintTable table = new FingerprintTable(database, this.settings.fingerprintTable());
        MigrationFingerprints fingerprints = new MigrationFingerprints(flyway.getConfiguration(), database);
        Map<String, FingerprintTable.Recorded> recorded = table.read();
        Instant now = Instant.now(this.clock);
        int written = 0;
        for (MigrationInfo migration : applied) {
            String version = migration.getVersion().getVersion();
            FingerprintTable.Recorded known = recorded.get(version);
            if (known != null
                    && Objects.equals(known.checksum(), migration.getResolvedChecksum())
                    && Fingerprint.isCurrent(known.fingerprint())) {
                // Recorded from this very file: reading and hashing it again at every start would change nothing
                continue;
            }
            Optional<String> fingerprint = fingerprints.of(migration);
            if (fingerprint.isPresent() && !isRecorded(known, fingerprint.get(), migration)) {
                if (written == 0) {
                    table.create();
                }
                table.save(version, migration.getScript(), migration.getResolvedChecksum(), fingerprint.get(), now);
                written++;
            }
        }
        return written;
    }

    private static boolean matchesItsFile(MigrationInfo migration) {
        return migration.isVersioned()
                && migration.getState().isApplied()
                && !migration.getState().isFailed()
                && migration.getResolvedChecksum() != null
                && migration.getResolvedChecksum().equals(migration.getAppliedChecksum());
    }

    private static boolean isRecorded(FingerprintTable.Recorded known, String fingerprint, MigrationInfo migration) {
        return known != null
                && known.fingerprint().equals(fingerprint)
                && Objects.equals(known.checksum(), migration.getResolvedChecksum());
    }
}
