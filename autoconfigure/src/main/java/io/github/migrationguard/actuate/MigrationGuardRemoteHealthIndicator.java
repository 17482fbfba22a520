package io.github.migrationguard.actuate;

import io.github.migrationguard.remote.RemoteActivity;
import io.github.migrationguard.remote.RemoteState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of off-machine copies ({@code migrationGuardRemote}): the bucket, the last upload, objects kept and snapshots
 * still waiting to be copied; DOWN when the last upload failed or the bucket cannot be reached. Reads the one state the
 * copies publish, never the bucket itself, so a health check costs no request.
 */
public class MigrationGuardRemoteHealthIndicator extends AbstractHealthIndicator {

    private final RemoteActivity activity;

    /**
     * Creates the indicator.
     * @param activity what off-machine copies did
     */
    public MigrationGuardRemoteHealthIndicator(RemoteActivity activity) {
        super("migration-guard remote health check failed");
        this.activity = activity;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        RemoteState status = this.activity.state();
        builder.withDetail("bucket", status.location());
        if (status.lastUpload() != null) {
            builder.withDetail("lastUpload", describe(status.lastUpload()));
        }
        if (status.objects() >= 0) {
            builder.withDetail("objects", status.objects());
        }
        builder.withDetail("pending", status.pending());
        if (status.healthy()) {
            builder.up();
        } else {
            builder.down().withDetail("error", (status.lastError() != null) ? status.lastError() : "unknown");
        }
    }

    private static Map<String, Object> describe(RemoteState.Upload upload) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("file", upload.file());
        details.put("time", upload.time().toString());
        details.put("outcome", upload.outcome());
        if (upload.error() != null) {
            details.put("error", upload.error());
        }
        return details;
    }
}
