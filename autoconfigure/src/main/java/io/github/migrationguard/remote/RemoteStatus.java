package io.github.migrationguard.remote;

import java.time.Instant;

/**
 * Internal: what off-machine copies look like right now, for health, metrics and the endpoint. Holds no secret.
 *
 * @param location the bucket and prefix
 * @param lastUpload the latest copy attempt, or {@code null} before the first
 * @param objects snapshots kept in the bucket, or -1 before the bucket was first listed
 * @param pending final-name snapshots not yet in the bucket
 * @param reachable whether the bucket answered the latest request, or {@code null} before the first
 * @param lastError why the latest request failed, or {@code null} when it did not
 */
public record RemoteStatus(
        String location, Upload lastUpload, int objects, int pending, Boolean reachable, String lastError) {

    static RemoteStatus initial(RemoteLocation location) {
        return new RemoteStatus(location.toString(), null, -1, 0, null, null);
    }

    /**
     * Whether copies work: the bucket answered and the latest copy did not fail.
     * @return whether all is well
     */
    public boolean healthy() {
        return !Boolean.FALSE.equals(this.reachable) && (this.lastUpload == null || this.lastUpload.succeeded());
    }

    RemoteStatus withUpload(Upload upload) {
        return new RemoteStatus(this.location, upload, this.objects, this.pending, upload.succeeded(), upload.error());
    }

    RemoteStatus withObjects(int objects) {
        return new RemoteStatus(this.location, this.lastUpload, objects, this.pending, true, this.lastError);
    }

    RemoteStatus withPending(int pending) {
        return new RemoteStatus(this.location, this.lastUpload, this.objects, pending, this.reachable, this.lastError);
    }

    RemoteStatus unreachable(String error) {
        return new RemoteStatus(this.location, this.lastUpload, this.objects, this.pending, false, error);
    }

    /**
     * One copy attempt.
     *
     * @param file the snapshot file name
     * @param time when the attempt ended
     * @param outcome {@code success} or {@code failure}
     * @param error why it failed, or {@code null}
     */
    public record Upload(String file, Instant time, String outcome, String error) {

        public static final String SUCCESS = "success";

        public static final String FAILURE = "failure";

        public boolean succeeded() {
            return SUCCESS.equals(this.outcome);
        }
    }
}
