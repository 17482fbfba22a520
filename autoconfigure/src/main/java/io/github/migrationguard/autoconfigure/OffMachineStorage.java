package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.remote.RemoteActivity;
import io.github.migrationguard.remote.RemoteConnection;
import io.github.migrationguard.remote.RemoteCopies;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.remote.RemoteSnapshots;
import io.github.migrationguard.remote.S3ClientFactory;
import io.github.migrationguard.remote.SnapshotBucket;
import io.github.migrationguard.strategy.LiveSnapshots;
import io.github.migrationguard.strategy.MigrationReports;
import io.github.migrationguard.strategy.OffMachineCopies;
import java.time.Clock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket wired into the application: copies every new snapshot of the configured labels, catches up on those left
 * waiting once startup has migrated, and closes the client it created (never the application's own).
 */
final class OffMachineStorage implements SmartInitializingSingleton, DisposableBean {

    private static final Log logger = LogFactory.getLog(OffMachineStorage.class);

    private final S3Client ownClient;

    private final RemoteActivity activity;

    private final RemoteCopies copies;

    private final RemoteSnapshots snapshots;

    private final LiveSnapshots liveSnapshots;

    OffMachineStorage(
            S3Client applicationClient,
            RemoteConnection connection,
            RemoteSettings settings,
            MigrationReports reports,
            LiveSnapshots liveSnapshots) {
        this.ownClient = (applicationClient != null) ? null : S3ClientFactory.create(connection);
        S3Client client = (applicationClient != null) ? applicationClient : this.ownClient;
        SnapshotBucket bucket = new SnapshotBucket(client, settings.location(), settings.partSizeBytes());
        this.activity = new RemoteActivity(settings.location());
        this.copies = new RemoteCopies(bucket, settings, Clock.systemUTC(), this.activity);
        this.snapshots = new RemoteSnapshots(bucket, this.activity);
        this.liveSnapshots = liveSnapshots;
        reports.onSnapshotTaken(this.copies::submit);
        logger.info("Copying "
                + settings.labels().stream().map(Object::toString).sorted().toList()
                + " snapshots to " + settings.location() + " with "
                + ((applicationClient != null) ? "the application's S3Client" : connection.toString()));
    }

    RemoteActivity activity() {
        return this.activity;
    }

    RemoteCopies copies() {
        return this.copies;
    }

    RemoteSnapshots snapshots() {
        return this.snapshots;
    }

    OffMachineCopies offMachineCopies() {
        return new OffMachineCopies(
                this.snapshots, this.copies.settings().abortOnFailure() ? this.copies::copyBeforeMigrating : null);
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.liveSnapshots.directory().ifPresent(this.copies::catchUp);
    }

    @Override
    public void destroy() {
        this.copies.close();
        if (this.ownClient != null) {
            this.ownClient.close();
        }
    }
}
