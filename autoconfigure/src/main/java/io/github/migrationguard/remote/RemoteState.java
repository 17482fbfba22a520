package io.github.migrationguard.remote;

import io.github.migrationguard.snapshot.SnapshotLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Internal: everything off-machine copies did since the application started, as one immutable value: what copies look
 * like right now (bucket, latest upload, objects kept, snapshots waiting, whether the bucket answered) and the tallies
 * the meters count (uploads by label and outcome, downloads by outcome). Every change publishes by replacing it with
 * the result of one of the {@code with...} functions (see {@link RemoteActivity}); the remote health indicator and
 * meters read one value and never change it. Holds no secret.
 *
 * @param location the bucket and prefix
 * @param lastUpload the latest copy attempt, or {@code null} before the first
 * @param objects snapshots kept in the bucket, or -1 before the bucket was first listed
 * @param pending final-name snapshots not yet in the bucket
 * @param reachable whether the bucket answered the latest request, or {@code null} before the first
 * @param lastError why the latest request failed, or {@code null} when it did not
 * @param uploads copies to the bucket by label and outcome
 * @param downloads downloads for a restore by outcome
 */
public record RemoteState(
        String location,
        @Nullable Upload lastUpload,
        int objects,
        int pending,
        @Nullable Boolean reachable,
        @Nullable String lastError,
        Map<UploadKey, Tally> uploads,
        Map<String, Tally> downloads) {

    public RemoteState {
        uploads = Map.copyOf(uploads);
        downloads = Map.copyOf(downloads);
    }

    static RemoteState initial(RemoteLocation location) {
        return new RemoteState(location.toString(), null, -1, 0, null, null, Map.of(), Map.of());
    }

    /**
     * Whether copies work: the bucket answered and the latest copy did not fail.
     * @return whether all is well
     */
    public boolean healthy() {
        return !Boolean.FALSE.equals(this.reachable) && (this.lastUpload == null || this.lastUpload.succeeded());
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

    // One copy attempt: the latest upload and its tally, in one publish
    RemoteState withUpload(SnapshotLabel label, Upload upload, Duration took) {
        return new RemoteState(
                this.location,
                upload,
                this.objects,
                this.pending,
                upload.succeeded(),
                upload.error(),
                plus(this.uploads, new UploadKey(label, upload.outcome()), took),
                this.downloads);
    }

    RemoteState withDownload(String outcome, Duration took) {
        return new RemoteState(
                this.location,
                this.lastUpload,
                this.objects,
                this.pending,
                this.reachable,
                this.lastError,
                this.uploads,
                plus(this.downloads, outcome, took));
    }

    RemoteState withObjects(int objects) {
        return new RemoteState(
                this.location,
                this.lastUpload,
                objects,
                this.pending,
                true,
                this.lastError,
                this.uploads,
                this.downloads);
    }

    RemoteState withPending(int pending) {
        return new RemoteState(
                this.location,
                this.lastUpload,
                this.objects,
                pending,
                this.reachable,
                this.lastError,
                this.uploads,
                this.downloads);
    }

    RemoteState unreachable(String error) {
        return new RemoteState(
                this.location, this.lastUpload, this.objects, this.pending, false, error, this.uploads, this.downloads);
    }

    private static <K> Map<K, Tally> plus(Map<K, Tally> tallies, K key, Duration took) {
        Map<K, Tally> next = new HashMap<>(tallies);
        next.merge(key, new Tally(1, took.toNanos()), Tally::plus);
        return next;
    }

    /**
     * One copy attempt.
     *
     * @param file the snapshot file name
     * @param time when the attempt ended
     * @param outcome {@code success} or {@code failure}
     * @param error why it failed, or {@code null}
     */
    public record Upload(String file, Instant time, String outcome, @Nullable String error) {

        public static final String SUCCESS = "success";

        public static final String FAILURE = "failure";

        public boolean succeeded() {
            return SUCCESS.equals(this.outcome);
        }
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
