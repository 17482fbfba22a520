package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.remote.RemoteConnection;
import io.github.migrationguard.remote.RemoteLocation;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.GuardSettings;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns {@link MigrationGuardProperties} into the engine's plain settings.
 */
final class GuardSettingsFactory {

    private final MigrationGuardProperties properties;

    GuardSettingsFactory(MigrationGuardProperties properties) {
        this.properties = properties;
    }

    GuardSettings create() {
        MigrationGuardProperties.Snapshot snapshot = this.properties.getSnapshot();
        return new GuardSettings(
                snapshot.isEnabled(),
                snapshot.getKeep(),
                snapshot.getWhen(),
                snapshot.getOnFailure() == MigrationGuardProperties.Snapshot.OnFailure.ABORT,
                snapshotSettings(),
                healSettings(),
                restoreSettings());
    }

    HealSettings healSettings() {
        MigrationGuardProperties.SelfHeal selfHeal = this.properties.getSelfHeal();
        return new HealSettings(
                selfHeal.isEnabled(),
                selfHeal.getVersions(),
                selfHeal.getMode(),
                selfHeal.isFingerprint(),
                selfHeal.getFingerprintTable());
    }

    RestoreSettings restoreSettings() {
        MigrationGuardProperties.Restore restore = this.properties.getRestore();
        return new RestoreSettings(
                restore.isOnFailure(),
                restore.getFrom(),
                restore.isForce(),
                this.properties.getRehearse().isEnabled(),
                restore.isOnDowngrade(),
                restore.isIfMissing());
    }

    RemoteSettings remoteSettings() {
        MigrationGuardProperties.Remote remote = this.properties.getRemote();
        Set<SnapshotLabel> labels = remote.getLabels().stream()
                .map((label) -> SnapshotLabel.of(label).orElseThrow())
                .collect(Collectors.toSet());
        RemoteSettings defaults = RemoteSettings.defaults(RemoteLocation.parse(remote.getUri()));
        return new RemoteSettings(
                defaults.location(),
                labels,
                remote.getKeep(),
                remote.getOnFailure() == MigrationGuardProperties.Remote.OnFailure.ABORT,
                remote.getCompression(),
                defaults.partSizeBytes(),
                defaults.firstRetryDelay(),
                defaults.maxRetryDelay());
    }

    RemoteConnection remoteConnection() {
        MigrationGuardProperties.Remote remote = this.properties.getRemote();
        return new RemoteConnection(
                remote.getEndpoint(),
                remote.getRegion(),
                remote.isPathStyle(),
                blankToNull(remote.getAccessKey()),
                blankToNull(remote.getSecretKey()));
    }

    private static String blankToNull(String value) {
        return (value == null || value.isBlank()) ? null : value;
    }

    LintSettings lintSettings() {
        return new LintSettings(
                this.properties.getLint().isEnabled(), this.properties.getLint().getFailOn());
    }

    SnapshotSettings snapshotSettings() {
        MigrationGuardProperties.Snapshot snapshot = this.properties.getSnapshot();
        Path dir = (snapshot.getDir() != null) ? snapshot.getDir().toPath() : null;
        return new SnapshotSettings(
                dir,
                snapshot.getMethod(),
                snapshot.getVerify(),
                snapshot.getMinFreeSpace().toBytes(),
                null);
    }
}
