package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.strategy.LiveSnapshots;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Takes {@code scheduled} snapshots on a cron while the application runs. Starts once the context is refreshed, so
 * never before the startup migration; one thread, and {@link LiveSnapshots} skips a run while another snapshot is
 * still being taken.
 */
final class SnapshotSchedule implements SmartLifecycle {

    private static final int AWAIT_TERMINATION_SECONDS = 60;

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
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("migration-guard-snapshot-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        // Let a running snapshot finish before the DataSource closes
        scheduler.setAwaitTerminationSeconds(AWAIT_TERMINATION_SECONDS);
        scheduler.initialize();
        scheduler.schedule(this::takeSnapshot, new CronTrigger(this.cron));
        this.scheduler = scheduler;
    }

    void takeSnapshot() {
        this.snapshots.take(SnapshotLabel.SCHEDULED, null, this.keep);
    }

    @Override
    public synchronized void stop() {
        if (this.scheduler != null) {
            this.scheduler.shutdown();
            this.scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.scheduler != null;
    }
}
