package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.SnapshotLabel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Internal: everything off-machine copies did since the application started, as one immutable value: the status
 * (bucket, latest upload, objects kept, snapshots waiting) and the tallies the meters count (uploads by label and
 * outcome, downloads by outcome). Every change publishes by replacing it with the result of one of the {@code with...}
 * functions (see {@link RemoteActivity}); the remote health indicator and meters read one value and never change it.
 *
 * @param status what copies look like right now
 * @param uploads copies to the bucket by label and outcome
 * @param downloads downloads for a restore by outcome
 */
public record RemoteState(RemoteStatus status, Map<UploadKey, Tally> uploads, Map<String, Tally> downloads) {

    public RemoteState {
        uploads = Map.copyOf(uploads);
        downloads = Map.copyOf(downloads);
    }

    static RemoteState initial(RemoteLocation location) {
        return new RemoteState(RemoteStatus.initial(location), Map.of(), Map.of());
    }

    /**
     * Returns the uploads of one label with one outcome.
     * @param label the label
     * @param outcome {@code success} or {@code failure}
     * @return the tally, zero before the first
     */
    public Tally uploads(SnapshotLabel label, String outcome) {
        return this.uploads.getOrDefault(new UploadKey(label, outcome), Tally.ZERO);
    }

    /**
     * Returns the downloads with one outcome.
     * @param outcome {@code success} or {@code failure}
     * @return the tally, zero before the first
     */
    public Tally downloads(String outcome) {
        return this.downloads.getOrDefault(outcome, Tally.ZERO);
    }

    RemoteState withStatus(UnaryOperator<RemoteStatus> change) {
        return new RemoteState(change.apply(this.status), this.uploads, this.downloads);
    }

    RemoteState withUpload(SnapshotLabel label, String outcome, Duration took) {
        return new RemoteState(this.status, plus(this.uploads, new UploadKey(label, outcome), took), this.downloads);
    }

    RemoteState withDownload(String outcome, Duration took) {
        return new RemoteState(this.status, this.uploads, plus(this.downloads, outcome, took));
    }

    private static <K> Map<K, Tally> plus(Map<K, Tally> tallies, K key, Duration took) {
        Map<K, Tally> next = new HashMap<>(tallies);
        next.merge(key, new Tally(1, took.toNanos()), Tally::plus);
        return next;
    }

    /**
     * A count and a total duration of copies, read by function timers.
     *
     * @param count how many
     * @param totalNanos their total duration
     */
    public record Tally(long count, long totalNanos) {

        static final Tally ZERO = new Tally(0, 0);

        Tally plus(Tally other) {
            return new Tally(this.count + other.count, this.totalNanos + other.totalNanos);
        }
    }

    /**
     * The tags of an upload tally.
     *
     * @param label the label
     * @param outcome {@code success} or {@code failure}
     */
    public record UploadKey(SnapshotLabel label, String outcome) {}
}
