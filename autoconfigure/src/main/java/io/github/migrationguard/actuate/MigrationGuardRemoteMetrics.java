package io.github.migrationguard.actuate;

import io.github.migrationguard.remote.CopyTally;
import io.github.migrationguard.remote.RemoteCopies;
import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.remote.RemoteStatus;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Binds the meters of off-machine copies: uploads per label and outcome, downloads per outcome, snapshots waiting to be
 * copied and objects kept in the bucket.
 */
public class MigrationGuardRemoteMetrics implements MeterBinder {

    private static final List<String> OUTCOMES = List.of(RemoteStatus.Upload.SUCCESS, RemoteStatus.Upload.FAILURE);

    private final RemoteCopies copies;

    private final RemoteSnapshots snapshots;

    public MigrationGuardRemoteMetrics(RemoteCopies copies, RemoteSnapshots snapshots) {
        this.copies = copies;
        this.snapshots = snapshots;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SnapshotLabel label : this.copies.settings().labels()) {
            for (String outcome : OUTCOMES) {
                timer("migration.guard.remote.upload", this.copies.uploads(label, outcome))
                        .description("Snapshots copied to the bucket and the time it took")
                        .tags("label", label.value(), "outcome", outcome)
                        .register(registry);
            }
        }
        for (String outcome : OUTCOMES) {
            timer("migration.guard.remote.download", this.snapshots.downloads(outcome))
                    .description("Snapshots downloaded from the bucket for a restore, and the time it took")
                    .tags("outcome", outcome)
                    .register(registry);
        }
        Gauge.builder("migration.guard.remote.pending", this.copies, (copies) -> copies.status()
                        .pending())
                .description("Final-name snapshots not yet copied to the bucket")
                .register(registry);
        Gauge.builder("migration.guard.remote.objects", this.copies, MigrationGuardRemoteMetrics::objects)
                .description("Snapshots kept in the bucket")
                .register(registry);
    }

    private static FunctionTimer.Builder<CopyTally> timer(String name, CopyTally tally) {
        return GuardMeters.timer(name, tally, CopyTally::count, CopyTally::totalNanos);
    }

    // Unknown until the bucket was first listed
    private static double objects(RemoteCopies copies) {
        int objects = copies.status().objects();
        return (objects >= 0) ? objects : Double.NaN;
    }
}
