package io.github.migrationguard.actuate;

import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.restore.SchemaAhead;
import io.github.migrationguard.snapshot.SnapshotAttempt;
import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.GuardState;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code migrationguard} endpoint: reading lists the snapshots (with the schema version inside each), the heals,
 * the last run and the effective settings; writing takes a {@code manual} snapshot now. Reading serves the guard's
 * state and the backup directory's listing as {@link StoredSnapshots} keeps it: no snapshot file is opened per request.
 */
@Endpoint(id = "migrationguard")
public class MigrationGuardEndpoint {

    private final MigrationReports reports;

    private final LiveSnapshots snapshots;

    private final int manualKeep;

    private final Map<String, Object> settings;

    private final @Nullable RemoteSnapshots remote;

    private final StoredSnapshots stored;

    /**
     * Creates a new endpoint.
     * @param reports the run reports and activity
     * @param snapshots the live database's snapshots
     * @param manualKeep manual snapshots kept
     * @param settings the effective settings, by property name
     */
    public MigrationGuardEndpoint(
            MigrationReports reports, LiveSnapshots snapshots, int manualKeep, Map<String, Object> settings) {
        this(reports, snapshots, manualKeep, settings, null);
    }

    /**
     * Creates a new endpoint that also lists the snapshots in the bucket.
     * @param reports the run reports and activity
     * @param snapshots the live database's snapshots
     * @param manualKeep manual snapshots kept
     * @param settings the effective settings, by property name
     * @param remote the snapshots in the bucket, or {@code null} when there is no bucket
     */
    public MigrationGuardEndpoint(
            MigrationReports reports,
            LiveSnapshots snapshots,
            int manualKeep,
            Map<String, Object> settings,
            @Nullable RemoteSnapshots remote) {
        this.reports = reports;
        this.snapshots = snapshots;
        this.manualKeep = manualKeep;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.remote = remote;
        this.stored = new StoredSnapshots(snapshots);
    }

    @ReadOperation
    public MigrationGuardDescriptor migrationGuard() {
        GuardState state = this.reports.state();
        List<StoredSnapshotDescriptor> stored =
                this.stored.list().stream().map(this::describe).toList();
        List<HealDescriptor> heals = state.heals().entrySet().stream()
                .map((entry) -> new HealDescriptor(
                        entry.getKey().version(), entry.getKey().reason(), entry.getValue()))
                .toList();
        RunDescriptor lastRun = (state.lastRun() != null) ? RunDescriptor.of(state.lastRun()) : null;
        RemoteObjectsDescriptor remoteObjects = (this.remote != null) ? RemoteObjectsDescriptor.of(this.remote) : null;
        return new MigrationGuardDescriptor(
                stored, remoteObjects, heals, lastRun, state.ahead().orElse(null), effectiveSettings());
    }

    /**
     * Takes a {@code manual} snapshot now, then prunes manual snapshots to their retention.
     * @param reason why, slugged into the file name and kept whole beside the snapshot; optional
     * @return what came of it
     */
    @WriteOperation
    public SnapshotAttemptDescriptor snapshot(@Nullable String reason) {
        String detail = (reason != null && !reason.isBlank()) ? reason.strip() : null;
        SnapshotAttempt attempt = this.snapshots.take(SnapshotLabel.MANUAL, detail, this.manualKeep);
        return SnapshotAttemptDescriptor.of(attempt, detail);
    }

    /** The settings, with the backup directory the snapshots really go to when none is configured. */
    private Map<String, Object> effectiveSettings() {
        if (this.settings.get("snapshot.dir") != null) {
            return this.settings;
        }
        Map<String, Object> settings = new LinkedHashMap<>(this.settings);
        this.snapshots
                .directory()
                .ifPresent((directory) ->
                        settings.put("snapshot.dir", directory.path().toString()));
        return settings;
    }

    private StoredSnapshotDescriptor describe(SnapshotDirectory.StoredSnapshot snapshot) {
        return new StoredSnapshotDescriptor(
                snapshot.file().getFileName().toString(),
                snapshot.name().label().value(),
                snapshot.name().time().toString(),
                snapshot.sizeBytes(),
                snapshot.reason(),
                this.stored.schemaVersion(snapshot));
    }

    /**
     * What the endpoint reads.
     *
     * @param snapshots the snapshots in the backup directory, oldest first
     * @param remote the snapshots in the bucket, or {@code null} when there is no bucket
     * @param heals the versions healed since startup
     * @param lastRun the last guarded migration run, or {@code null}
     * @param ahead the database is ahead of the application (an older build runs on it), or {@code null}
     * @param settings the effective settings, by property name
     */
    public record MigrationGuardDescriptor(
            List<StoredSnapshotDescriptor> snapshots,
            @Nullable RemoteObjectsDescriptor remote,
            List<HealDescriptor> heals,
            @Nullable RunDescriptor lastRun,
            @Nullable SchemaAhead ahead,
            Map<String, Object> settings)
            implements OperationResponseBody {}

    /**
     * A snapshot file in the backup directory.
     *
     * @param name the file name
     * @param label the label
     * @param time when it was taken (ISO-8601)
     * @param sizeBytes its size
     * @param reason the whole reason a manual snapshot was taken for, or {@code null}
     * @param schemaVersion the schema version recorded inside it, or {@code null}
     */
    public record StoredSnapshotDescriptor(
            String name,
            String label,
            String time,
            long sizeBytes,
            @Nullable String reason,
            @Nullable String schemaVersion) {}

    /**
     * A healed version.
     *
     * @param version the migration version
     * @param reason {@code allowlist} or {@code fingerprint}
     * @param count how often it healed since startup
     */
    public record HealDescriptor(String version, String reason, long count) {}
}
