package io.github.migrationguard.autoconfigure;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.remote.RemoteConnection;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.strategy.GuardSettings;
import io.github.migrationguard.values.EnumValues;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The effective settings as the endpoint shows them: every property, by name, with the value in force, read from the
 * settings the application runs with (never from the properties again). Enums are shown as properties spell them,
 * sizes as Spring Boot prints a {@link DataSize}; keys are never shown, only whether they are set.
 */
final class EffectiveSettings {

    private EffectiveSettings() {}

    static Map<String, @Nullable Object> of(StarterSettings settings) {
        Map<String, @Nullable Object> shown = new LinkedHashMap<>();
        GuardSettings guard = settings.guard();
        // The settings exist only when the starter is enabled
        shown.put("enabled", true);
        putSnapshot(shown, guard.snapshot());
        putHeal(shown, guard.heal());
        putRestore(shown, guard.restore());
        shown.put("rehearse.enabled", guard.rehearse());
        shown.put("schedule.cron", settings.schedule().cron());
        shown.put("schedule.keep", settings.schedule().keep());
        shown.put("health.min-free-space", size(settings.healthMinFreeSpaceBytes()));
        shown.put("lint.enabled", guard.lint().enabled());
        shown.put("lint.fail-on", EnumValues.of(guard.lint().failOn()));
        putRemote(shown, settings.remote(), settings.remoteConnection());
        return shown;
    }

    private static void putSnapshot(Map<String, @Nullable Object> shown, SnapshotSettings snapshot) {
        shown.put("snapshot.enabled", snapshot.enabled());
        shown.put("snapshot.keep", snapshot.keep());
        shown.put("snapshot.dir", (snapshot.dir() != null) ? snapshot.dir().toString() : null);
        shown.put("snapshot.when", EnumValues.of(snapshot.when()));
        shown.put("snapshot.method", EnumValues.of(snapshot.method()));
        shown.put("snapshot.verify", EnumValues.of(snapshot.verification()));
        shown.put("snapshot.on-failure", snapshot.abortOnFailure() ? "abort" : "continue");
        shown.put("snapshot.min-free-space", size(snapshot.minFreeSpaceBytes()));
    }

    private static void putHeal(Map<String, @Nullable Object> shown, HealSettings heal) {
        shown.put("self-heal.enabled", heal.enabled());
        shown.put("self-heal.versions", heal.versions());
        shown.put("self-heal.mode", EnumValues.of(heal.mode()));
        shown.put("self-heal.fingerprint", heal.fingerprint());
        shown.put("self-heal.fingerprint-table", heal.fingerprintTable());
    }

    private static void putRestore(Map<String, @Nullable Object> shown, RestoreSettings restore) {
        shown.put("restore.on-failure", restore.onFailure());
        shown.put("restore.from", restore.from());
        shown.put("restore.force", restore.force());
        shown.put("restore.if-missing", restore.ifMissing());
        shown.put("restore.on-downgrade", restore.onDowngrade());
    }

    private static void putRemote(
            Map<String, @Nullable Object> shown, RemoteSettings remote, RemoteConnection connection) {
        shown.put("remote.uri", (remote.location() != null) ? remote.location().toString() : null);
        shown.put(
                "remote.endpoint",
                (connection.endpoint() != null) ? connection.endpoint().toString() : null);
        shown.put("remote.region", connection.region());
        shown.put("remote.path-style", connection.pathStyle());
        shown.put("remote.access-key", (connection.accessKey() != null) ? "(set)" : null);
        shown.put("remote.secret-key", (connection.secretKey() != null) ? "(set)" : null);
        // In the order labels are taken in, whatever order they were listed in
        shown.put(
                "remote.labels",
                Arrays.stream(SnapshotLabel.values())
                        .filter(remote.labels()::contains)
                        .map(SnapshotLabel::value)
                        .toList());
        shown.put("remote.keep", remote.keep());
        shown.put("remote.on-failure", remote.abortOnFailure() ? "abort" : "continue");
        shown.put("remote.compression", EnumValues.of(remote.compression()));
    }

    private static String size(long bytes) {
        return DataSize.ofBytes(bytes).toString();
    }
}
