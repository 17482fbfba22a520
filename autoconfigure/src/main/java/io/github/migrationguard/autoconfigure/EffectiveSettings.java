package io.github.migrationguard.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The effective settings as the endpoint shows them: every property, by name, with the value in force.
 */
final class EffectiveSettings {

    private EffectiveSettings() {}

    static Map<String, Object> of(MigrationGuardProperties properties) {
        Map<String, Object> settings = new LinkedHashMap<>();
        MigrationGuardProperties.Snapshot snapshot = properties.getSnapshot();
        settings.put("enabled", properties.isEnabled());
        settings.put("snapshot.enabled", snapshot.isEnabled());
        settings.put("snapshot.keep", snapshot.getKeep());
        settings.put(
                "snapshot.dir", (snapshot.getDir() != null) ? snapshot.getDir().getPath() : null);
        settings.put("snapshot.when", propertyValue(snapshot.getWhen()));
        settings.put("snapshot.method", propertyValue(snapshot.getMethod()));
        settings.put("snapshot.verify", propertyValue(snapshot.getVerify()));
        settings.put("snapshot.on-failure", propertyValue(snapshot.getOnFailure()));
        settings.put("snapshot.min-free-space", snapshot.getMinFreeSpace().toString());
        MigrationGuardProperties.SelfHeal selfHeal = properties.getSelfHeal();
        settings.put("self-heal.enabled", selfHeal.isEnabled());
        settings.put("self-heal.versions", selfHeal.getVersions());
        settings.put("self-heal.mode", propertyValue(selfHeal.getMode()));
        settings.put("self-heal.fingerprint", selfHeal.isFingerprint());
        settings.put("self-heal.fingerprint-table", selfHeal.getFingerprintTable());
        settings.put("restore.on-failure", properties.getRestore().isOnFailure());
        settings.put("restore.from", properties.getRestore().getFrom());
        settings.put("restore.force", properties.getRestore().isForce());
        settings.put("restore.if-missing", properties.getRestore().isIfMissing());
        settings.put("restore.on-downgrade", properties.getRestore().isOnDowngrade());
        settings.put("rehearse.enabled", properties.getRehearse().isEnabled());
        settings.put("schedule.cron", properties.getSchedule().getCron());
        settings.put("schedule.keep", properties.getSchedule().getKeep());
        settings.put(
                "health.min-free-space",
                properties.getHealth().getMinFreeSpace().toString());
        settings.put("lint.enabled", properties.getLint().isEnabled());
        settings.put("lint.fail-on", propertyValue(properties.getLint().getFailOn()));
        putRemote(settings, properties.getRemote());
        return settings;
    }

    // Keys are never shown, only whether they are set
    private static void putRemote(Map<String, Object> settings, MigrationGuardProperties.Remote remote) {
        settings.put("remote.uri", remote.getUri());
        settings.put(
                "remote.endpoint",
                (remote.getEndpoint() != null) ? remote.getEndpoint().toString() : null);
        settings.put("remote.region", remote.getRegion());
        settings.put("remote.path-style", remote.isPathStyle());
        settings.put("remote.access-key", (remote.getAccessKey() != null) ? "(set)" : null);
        settings.put("remote.secret-key", (remote.getSecretKey() != null) ? "(set)" : null);
        settings.put("remote.labels", remote.getLabels());
        settings.put("remote.keep", remote.getKeep());
        settings.put("remote.on-failure", propertyValue(remote.getOnFailure()));
        settings.put("remote.compression", propertyValue(remote.getCompression()));
    }

    /** An enum as it is written in application.yml ({@code FILE_COPY} is {@code file-copy}). */
    static String propertyValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
