package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.sqlite.core.DB;

/**
 * Paces an online backup that runs while the application writes: every {@value #FLUSH_BYTES} bytes it forces what was
 * written so far to disk, and after each step (and its flush) it rests as long as they took ({@link HalfTime}), so the
 * copy keeps the disk and a CPU busy at most about half the time. Without the flushes the whole copy would sit in the
 * page cache and reach the disk in one burst at the final {@code fsync}, which the application's own commits then wait
 * behind.
 */
final class BackupPace implements DB.ProgressObserver {

    /** How much a step copies, in bytes: small enough to rest often, large enough that steps stay cheap. */
    static final int STEP_BYTES = 4 * 1024 * 1024;

    /** How much is written between two flushes of the copy. */
    static final long FLUSH_BYTES = 32L * 1024 * 1024;

    private final Path target;

    private final Runnable afterEachStep;

    private final int pagesPerStep;

    private final long bytesPerStep;

    private final HalfTime halfTime = new HalfTime();

    private long unflushedBytes;

    private @Nullable IOException flushFailure;

    /**
     * Creates the pace of one backup that also runs something after each step but the last.
     * @param target the file the backup writes
     * @param pageSize the page size of the database copied
     * @param afterEachStep what runs after each step, before the rest
     */
    BackupPace(Path target, int pageSize, Runnable afterEachStep) {
        this.target = target;
        this.afterEachStep = afterEachStep;
        this.pagesPerStep = Math.max(1, STEP_BYTES / pageSize);
        this.bytesPerStep = (long) this.pagesPerStep * pageSize;
    }

    int pagesPerStep() {
        return this.pagesPerStep;
    }

    @Override
    public void progress(int remaining, int pageCount) {
        this.unflushedBytes += this.bytesPerStep;
        if (remaining > 0) {
            this.afterEachStep.run();
            if (this.unflushedBytes >= FLUSH_BYTES) {
                flush();
            }
            // The flush counts as work: the disk gets as long a break as the step and the flush kept it busy
            this.halfTime.rest();
        }
    }

    /**
     * Hands back to the thread an interrupt that arrived during the backup and ended its pacing.
     */
    void passOnInterrupt() {
        this.halfTime.passOnInterrupt();
    }

    /**
     * Reports a flush that failed: the disk refused what the copy wrote, so the copy cannot be trusted.
     * @throws IOException when a flush failed
     */
    void checkFlushed() throws IOException {
        if (this.flushFailure != null) {
            throw this.flushFailure;
        }
    }

    private void flush() {
        this.unflushedBytes = 0;
        if (this.flushFailure != null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(this.target, StandardOpenOption.WRITE)) {
            channel.force(false);
        } catch (IOException ex) {
            this.flushFailure = ex;
        }
    }
}
