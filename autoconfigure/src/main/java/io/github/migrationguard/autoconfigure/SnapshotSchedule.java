package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.LiveSnapshots;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Takes {@code scheduled} snapshots on a cron while the application runs. Starts once the context is refreshed, so
 * never before the startup migration. Each tick only hands the snapshot to a worker thread, so ticks stay on time even
 * when a snapshot runs long; a tick that comes while a snapshot is still being taken is skipped and recorded as such
 * by {@link LiveSnapshots}. Stopping is bounded: a snapshot still being verified gets
 * {@link io.github.migrationguard.snapshot.PendingSnapshot#SHUTDOWN_WAIT} to finish, then is cancelled and deleted.
 */
final class SnapshotSchedule implements SmartLifecycle {

    /**
     * How long stopping waits for the worker once a verification is settled or cancelled: a copy still under way
     * (the online backup API cannot be interrupted) is left to the JVM's exit, and its temporary file to the next
     * start.
     */
    private static final int AWAIT_TERMINATION_SECONDS = 5;

    private final LiveSnapshots snapshots;

    private final String cron;

    private final int keep;

    private ThreadPoolTaskScheduler scheduler;

    SnapshotSchedule(LiveSnapshots snapshots, String cron, int keep) {
        this.snapshots = snapshots;
        this.cron = cron;
        this.keep = keep;
    }

    @Override
    public synchronized void start() {
        if (this.scheduler != null) {
            return;
        }
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        // One thread ticks, one takes the snapshot; a third would only ever find the lock taken
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("migration-guard-snapshot-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(AWAIT_TERMINATION_SECONDS);
        scheduler.initialize();
        scheduler.schedule(() -> tick(scheduler), new CronTrigger(this.cron));
        this.scheduler = scheduler;
    }

    private void tick(ThreadPoolTaskScheduler scheduler) {
        try {
            scheduler.execute(this::takeSnapshot);
        } catch (TaskRejectedException ex) {
            // The scheduler is shutting down with the application: no snapshot is due any more
        }
    }

    void takeSnapshot() {
        this.snapshots.take(SnapshotLabel.SCHEDULED, null, this.keep);
    }

    @Override
    public synchronized void stop() {
        if (this.scheduler != null) {
            // No tick starts a snapshot from here on; one being verified settles or is cancelled, within bounds
            this.scheduler.getScheduledExecutor().shutdown();
            this.snapshots.close();
            this.scheduler.shutdown();
            this.scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.scheduler != null;
    }
}
