package io.github.migrationguard.actuate;

import io.github.migrationguard.remote.RemoteActivity;
import io.github.migrationguard.remote.RemoteState;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds the meters of off-machine copies: uploads per label and outcome, downloads per outcome, snapshots waiting to be
 * copied and objects kept in the bucket. Every meter reads the one state the copies and restores publish.
 */
public class MigrationGuardRemoteMetrics implements MeterBinder {

    private static final List<String> OUTCOMES = List.of(RemoteState.Upload.SUCCESS, RemoteState.Upload.FAILURE);

    private final RemoteActivity activity;

    private final Set<SnapshotLabel> labels;

    /**
     * Creates the binder.
     * @param activity what off-machine copies did
     * @param labels the labels copied to the bucket, one upload timer per label and outcome
     */
    public MigrationGuardRemoteMetrics(RemoteActivity activity, Set<SnapshotLabel> labels) {
        this.activity = activity;
        this.labels = Set.copyOf(labels);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SnapshotLabel label : this.labels) {
            for (String outcome : OUTCOMES) {
                timer("migration.guard.remote.upload", (state) -> state.uploads(label, outcome))
                        .description("Snapshots copied to the bucket and the time it took")
                        .tags("label", label.value(), "outcome", outcome)
                        .register(registry);
            }
        }
        for (String outcome : OUTCOMES) {
            timer("migration.guard.remote.download", (state) -> state.downloads(outcome))
                    .description("Snapshots downloaded from the bucket for a restore, and the time it took")
                    .tags("outcome", outcome)
                    .register(registry);
        }
        Gauge.builder("migration.guard.remote.pending", this.activity, (activity) -> activity.state()
                        .pending())
                .description("Final-name snapshots not yet copied to the bucket")
                .register(registry);
        Gauge.builder("migration.guard.remote.objects", this.activity, MigrationGuardRemoteMetrics::objects)
                .description("Snapshots kept in the bucket")
                .register(registry);
    }

    private FunctionTimer.Builder<RemoteActivity> timer(String name, Function<RemoteState, RemoteState.Tally> tally) {
        ToLongFunction<RemoteActivity> count =
                (activity) -> tally.apply(activity.state()).count();
        ToDoubleFunction<RemoteActivity> totalNanos =
                (activity) -> tally.apply(activity.state()).totalNanos();
        return GuardMeters.timer(name, this.activity, count, totalNanos);
    }

    // Unknown until the bucket was first listed
    private static double objects(RemoteActivity activity) {
        int objects = activity.state().objects();
        return (objects >= 0) ? objects : Double.NaN;
    }
}
