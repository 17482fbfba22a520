package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.remote.RemoteConnection;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.strategy.GuardSettings;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of the starter, built once from {@link MigrationGuardProperties} by {@link GuardSettingsFactory} and
 * read by every bean (none reads the properties): the engine's settings, and what only a running application uses.
 *
 * @param guard the engine's settings of a guarded run
 * @param schedule the snapshot schedule
 * @param healthMinFreeSpaceBytes free space below which the backup directory makes health DOWN
 * @param remote off-machine copies; their location is {@code null} when {@code remote.uri} is unset
 * @param remoteConnection how to reach the bucket
 */
record StarterSettings(
        GuardSettings guard,
        Schedule schedule,
        long healthMinFreeSpaceBytes,
        RemoteSettings remote,
        RemoteConnection remoteConnection) {

    /**
     * Periodic {@code scheduled} snapshots while the application runs.
     *
     * @param cron the Spring cron expression, or {@code null} for no schedule
     * @param keep scheduled snapshots kept
     */
    record Schedule(@Nullable String cron, int keep) {}
}
