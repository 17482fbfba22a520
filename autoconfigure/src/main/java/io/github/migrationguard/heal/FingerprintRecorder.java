package io.github.migrationguard.heal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Records, after a successful migrate, the fingerprint of every applied versioned SQL migration whose checksum matches
 * its file, so that later whitespace- or comment-only drift can be proven harmless. Migrations applied before
 * migration-guard was added get theirs the first time their checksum matches.
 */
public final class FingerprintRecorder {

    private static final Log logger = LogFactory.getLog(FingerprintRecorder.class);

    private final HealSettings settings;

    private final Clock clock;

    public FingerprintRecorder(HealSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records the fingerprints of the migrations behind a Flyway; a failure is logged, never thrown, because the
     * migration itself succeeded.
     * @param flyway the configured Flyway, after migrate
     * @return how many fingerprints were written
     */
    public int record(Flyway flyway) {
        return record(flyway, flyway.info().applied());
    }

    /**
     * Records the fingerprints of the given applied migrations; a failure is logged, never thrown.
     * @param flyway the configured Flyway, after migrate
     * @param applied the applied migrations as Flyway reports them after migrate
     * @return how many fingerprints were written
     */
    public int record(Flyway flyway, MigrationInfo[] applied) {
        if (!this.settings.enabled() || !this.settings.fingerprint()) {
            return 0;
        }
        try {
            return recordAll(flyway, applied);
        } catch (RuntimeException ex) {
            logger.warn(
                    "Could not record migration fingerprints in " + this.settings.fingerprintTable() + ": "
                            + ex.getMessage() + ". Whitespace-only drift cannot be healed until this works; "
                            + "check that the application may create and write that table",
                    ex);
            return 0;
        }
    }

    private int recordAll(Flyway flyway, MigrationInfo[] applied) {
        FlywayDatabase database = FlywayDatabase.of(flyway.getConfiguration());
        FingerprintTable table = new FingerprintTable(database, this.settings.fingerprintTable());
        MigrationFingerprints fingerprints = new MigrationFingerprints(flyway.getConfiguration(), database);
        Map<String, FingerprintTable.Recorded> recorded = table.read();
        Instant now = Instant.now(this.clock);
        int written = 0;
        for (MigrationInfo migration : applied) {
            if (!matchesItsFile(migration)) {
                continue;
            }
            String version = migration.getVersion().getVersion();
            FingerprintTable.Recorded known = recorded.get(version);
            if (known != null && Objects.equals(known.checksum(), migration.getResolvedChecksum())) {
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
