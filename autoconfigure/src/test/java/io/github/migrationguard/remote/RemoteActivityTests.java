package io.github.migrationguard.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.snapshot.SnapshotLabel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RemoteActivityTests {

    private static final int THREADS = 8;

    private static final int UPLOADS_PER_THREAD = 2_000;

    private static final RemoteState.Upload UPLOAD = new RemoteState.Upload(
            "pre-migrate-20260101T100000.000Z-v1-to-v2.db", Instant.EPOCH, RemoteState.Upload.SUCCESS, null);

    @Test
    void concurrentUploadsDownloadsAndStatusChangesLoseNoTally() throws Exception {
        RemoteActivity activity = new RemoteActivity(new RemoteLocation("bucket", "app"));
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    ready.countDown();
                    start.await();
                    for (int i = 0; i < UPLOADS_PER_THREAD; i++) {
                        activity.publish(
                                (state) -> state.withUpload(SnapshotLabel.PRE_MIGRATE, UPLOAD, Duration.ofNanos(3)));
                        activity.publish(
                                (state) -> state.withDownload(RemoteState.Upload.FAILURE, Duration.ofNanos(5)));
                        int pending = thread * UPLOADS_PER_THREAD + i;
                        activity.publish((state) -> state.withPending(pending));
                    }
                    return null;
                }));
            }
            ready.await();
            start.countDown();
            for (Future<?> thread : done) {
                thread.get();
            }
        } finally {
            threads.shutdownNow();
        }
        RemoteState state = activity.state();
        long total = (long) THREADS * UPLOADS_PER_THREAD;
        assertThat(state.uploads(SnapshotLabel.PRE_MIGRATE, RemoteState.Upload.SUCCESS))
                .isEqualTo(new RemoteState.Tally(total, 3 * total));
        assertThat(state.downloads(RemoteState.Upload.FAILURE)).isEqualTo(new RemoteState.Tally(total, 5 * total));
        assertThat(state.uploads(SnapshotLabel.PRE_MIGRATE, RemoteState.Upload.FAILURE))
                .isEqualTo(new RemoteState.Tally(0, 0));
    }
}
