package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotName;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Finds the snapshot that takes a database back to an older build's version: the newest {@code pre-migrate} snapshot
 * whose name says it was taken when the database left that version ({@code v<from>-to-v<to>}). Looks in every source;
 * on equal names the first source wins, so a local file is preferred to a download.
 */
final class DowngradeSnapshots {

    private final List<SnapshotSource> sources;

    DowngradeSnapshots(List<SnapshotSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Finds the newest {@code pre-migrate} snapshot taken when the database left a version.
     * @param version the version the database left
     * @return the snapshot, or empty when none is left (pruned, or never taken)
     */
    Optional<Found> newestLeaving(MigrationVersion version) {
        Predicate<SnapshotName> leaving = leaving(version);
        Found newest = null;
        for (SnapshotSource source : this.sources) {
            for (SnapshotName name : source.names()) {
                if (leaving.test(name)
                        && (newest == null || name.time().isAfter(newest.name().time()))) {
                    newest = new Found(name, source);
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * Names the places searched, for messages.
     * @return the locations, comma-separated
     */
    String locations() {
        return this.sources.stream().map(SnapshotSource::location).collect(Collectors.joining(", "));
    }

    /**
     * Lists the {@code pre-migrate} snapshots there are, newest first, to tell an operator what is left.
     * @return their file names
     */
    List<String> preMigrate() {
        return this.sources.stream()
                .flatMap((source) -> source.names().stream())
                .filter((name) -> name.label() == SnapshotLabel.PRE_MIGRATE)
                .sorted(Comparator.comparing(SnapshotName::time).reversed())
                .map(SnapshotName::fileName)
                .distinct()
                .toList();
    }

    /**
     * Returns which snapshot names were taken when a database left a version, for a source that filters by name
     * itself (a bucket that fetches the newest match).
     * @param version the version the database left
     * @return the filter
     */
    static Predicate<SnapshotName> leaving(MigrationVersion version) {
        return (name) -> name.label() == SnapshotLabel.PRE_MIGRATE
                && name.fromVersion()
                        .map((from) -> MigrationVersion.fromVersion(from).compareTo(version) == 0)
                        .orElse(false);
    }

    /**
     * A snapshot found, and the source that holds it.
     *
     * @param name the snapshot's name
     * @param source where it is
     */
    record Found(SnapshotName name, SnapshotSource source) {

        Path obtain() {
            return this.source.obtain(this.name);
        }
    }
}
