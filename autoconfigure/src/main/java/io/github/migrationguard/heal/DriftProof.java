package io.github.migrationguard.heal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Decides whether a drift is proven to touch only whitespace and comments: the file's fingerprint equals the one
 * recorded when the applied checksum last matched the file.
 */
final class DriftProof {

    private final boolean enabled;

    private final Map<String, FingerprintTable.Recorded> recorded;

    private final MigrationFingerprints fingerprints;

    private final String table;

    DriftProof(HealSettings settings, Configuration configuration, FlywayDatabase database) {
        this.enabled = settings.fingerprint();
        this.table = settings.fingerprintTable();
        this.recorded = this.enabled ? new FingerprintTable(database, this.table).read() : Map.of();
        this.fingerprints = new MigrationFingerprints(configuration, database);
    }

    /**
     * Returns why a drift is not proven harmless.
     * @param drift the drift
     * @return the reason, or {@code null} when it is proven harmless
     */
    String whyUnproven(ChecksumDrift drift) {
        if (!this.enabled) {
            return "migration-guard.self-heal.fingerprint is off";
        }
        FingerprintTable.Recorded recorded = this.recorded.get(drift.version());
        if (recorded == null || !Objects.equals(recorded.checksum(), drift.appliedChecksum())) {
            return "no fingerprint of the applied content is recorded in " + this.table;
        }
        Optional<String> fingerprint = this.fingerprints.like(drift.migration(), recorded.fingerprint());
        if (fingerprint.isEmpty()) {
            return "the SQL file could not be read from Flyway's locations";
        }
        if (!fingerprint.get().equals(recorded.fingerprint())) {
            return Fingerprint.isCurrent(recorded.fingerprint())
                    ? "more than whitespace, comments or keyword case changed"
                    : "more than whitespace or comments changed; the fingerprint was recorded before keyword case "
                            + "was ignored";
        }
        return null;
    }
}
