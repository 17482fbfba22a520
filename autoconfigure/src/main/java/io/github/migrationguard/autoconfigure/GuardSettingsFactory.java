package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.remote.Compression;
import io.github.migrationguard.remote.RemoteConnection;
import io.github.migrationguard.remote.RemoteLocation;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.GuardSettings;
import java.nio.file.Path;

/**
 * The one place {@link MigrationGuardProperties} become settings, and the one place their values are checked: a bad
 * value fails startup with Spring Boot's report naming the property, the value, where it was set and what is allowed.
 * The properties keep plain setters, as Spring Boot's own do.
 */
final class GuardSettingsFactory {

    private final MigrationGuardProperties properties;

    private final ClassLoader classLoader;

    GuardSettingsFactory(MigrationGuardProperties properties, ClassLoader classLoader) {
        this.properties = properties;
        this.classLoader = classLoader;
    }

    StarterSettings create() {
        GuardSettings guard = new GuardSettings(
                snapshotSettings(),
                healSettings(),
                restoreSettings(),
                this.properties.getRehearse().isEnabled(),
                lintSettings());
        MigrationGuardProperties.Schedule schedule = this.properties.getSchedule();
        return new StarterSettings(
                guard,
                new StarterSettings.Schedule(
                        PropertyChecks.cron("schedule.cron", schedule.getCron()),
                        PropertyChecks.atLeast("schedule.keep", schedule.getKeep(), 0)),
                PropertyChecks.bytes(
                        "health.min-free-space", this.properties.getHealth().getMinFreeSpace()),
                remoteSettings(),
                remoteConnection());
    }

    private SnapshotSettings snapshotSettings() {
        MigrationGuardProperties.Snapshot snapshot = this.properties.getSnapshot();
        Path dir = (snapshot.getDir() != null) ? snapshot.getDir().toPath() : null;
        return new SnapshotSettings(
                snapshot.isEnabled(),
                PropertyChecks.atLeast("snapshot.keep", snapshot.getKeep(), 0),
                snapshot.getWhen(),
                snapshot.getOnFailure() == MigrationGuardProperties.Snapshot.OnFailure.ABORT,
                dir,
                snapshot.getMethod(),
                snapshot.getVerify(),
                PropertyChecks.bytes("snapshot.min-free-space", snapshot.getMinFreeSpace()),
                // The table of the Flyway being guarded, learnt where that Flyway is at hand (the settings cannot
                // wait for the Flyway bean: an application's own one is migrated while it is being created)
                null);
    }

    private HealSettings healSettings() {
        MigrationGuardProperties.SelfHeal selfHeal = this.properties.getSelfHeal();
        return new HealSettings(
                selfHeal.isEnabled(),
                PropertyChecks.versions("self-heal.versions", selfHeal.getVersions()),
                selfHeal.getMode(),
                selfHeal.isFingerprint(),
                PropertyChecks.identifier("self-heal.fingerprint-table", selfHeal.getFingerprintTable()));
    }

    private RestoreSettings restoreSettings() {
        MigrationGuardProperties.Restore restore = this.properties.getRestore();
        return new RestoreSettings(
                restore.isOnFailure(),
                PropertyChecks.snapshotReference("restore.from", restore.getFrom()),
                restore.isForce(),
                restore.isOnDowngrade(),
                restore.isIfMissing());
    }

    private LintSettings lintSettings() {
        MigrationGuardProperties.Lint lint = this.properties.getLint();
        return new LintSettings(lint.isEnabled(), lint.getFailOn());
    }

    private RemoteSettings remoteSettings() {
        MigrationGuardProperties.Remote remote = this.properties.getRemote();
        RemoteLocation location = PropertyChecks.remoteLocation("remote.uri", remote.getUri());
        Compression compression = (location != null)
                ? PropertyChecks.compression("remote.compression", remote.getCompression(), this.classLoader)
                : remote.getCompression();
        RemoteSettings defaults = RemoteSettings.defaults(location);
        return new RemoteSettings(
                location,
                PropertyChecks.labels("remote.labels", remote.getLabels()),
                PropertyChecks.atLeast("remote.keep", remote.getKeep(), 1),
                remote.getOnFailure() == MigrationGuardProperties.Remote.OnFailure.ABORT,
                compression,
                defaults.partSizeBytes(),
                defaults.firstRetryDelay(),
                defaults.maxRetryDelay());
    }

    private RemoteConnection remoteConnection() {
        MigrationGuardProperties.Remote remote = this.properties.getRemote();
        return new RemoteConnection(
                remote.getEndpoint(),
                PropertyChecks.text(remote.getRegion()),
                remote.isPathStyle(),
                PropertyChecks.text(remote.getAccessKey()),
                PropertyChecks.text(remote.getSecretKey()));
    }
}
