package io.github.migrationguard.actuate;

import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.strategy.MigrationReport;
import java.util.Locale;

/**
 * Lower-case tag values of outcomes, shared by meters and descriptors.
 */
final class MeterTags {

    private MeterTags() {}

    static String outcome(SnapshotAttempt.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    static String outcome(MigrationReport.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
