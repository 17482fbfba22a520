package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.GuardSettings;
import java.nio.file.Path;

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
                restore.isOnDowngrade());
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
