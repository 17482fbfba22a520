package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class EffectiveSettingsTests {

    @Test
    void showTheSettingsInForceByPropertyNameAsPropertiesSpellThem() {
        MigrationGuardProperties properties = new MigrationGuardProperties();
        properties.getSnapshot().setOnFailure(MigrationGuardProperties.Snapshot.OnFailure.ABORT);
        properties.getSnapshot().setMinFreeSpace(DataSize.ofGigabytes(2));
        properties.getSelfHeal().setVersions(List.of(" 9 ", "10.1"));
        properties.getRestore().setFrom(" latest ");
        properties.getRemote().setLabels(List.of("scheduled", " manual"));
        Map<String, Object> shown = EffectiveSettings.of(settings(properties));
        assertThat(shown)
                .containsEntry("snapshot.on-failure", "abort")
                .containsEntry(
                        "snapshot.min-free-space", DataSize.ofGigabytes(2).toString())
                .containsEntry("snapshot.method", "auto")
                .containsEntry("self-heal.versions", List.of("9", "10.1"))
                .containsEntry("restore.from", "latest")
                .containsEntry("remote.labels", List.of("manual", "scheduled"))
                .containsEntry("remote.compression", "gzip");
    }

    @Test
    void showEveryPropertyOnce() {
        Map<String, Object> shown = EffectiveSettings.of(settings(new MigrationGuardProperties()));
        assertThat(shown.keySet())
                .containsExactly(
                        "enabled",
                        "snapshot.enabled",
                        "snapshot.keep",
                        "snapshot.dir",
                        "snapshot.when",
                        "snapshot.method",
                        "snapshot.verify",
                        "snapshot.on-failure",
                        "snapshot.min-free-space",
                        "self-heal.enabled",
                        "self-heal.versions",
                        "self-heal.mode",
                        "self-heal.fingerprint",
                        "self-heal.fingerprint-table",
                        "restore.on-failure",
                        "restore.from",
                        "restore.force",
                        "restore.if-missing",
                        "restore.on-downgrade",
                        "rehearse.enabled",
                        "schedule.cron",
                        "schedule.keep",
                        "health.min-free-space",
                        "lint.enabled",
                        "lint.fail-on",
                        "remote.uri",
                        "remote.endpoint",
                        "remote.region",
                        "remote.path-style",
                        "remote.access-key",
                        "remote.secret-key",
                        "remote.labels",
                        "remote.keep",
                        "remote.on-failure",
                        "remote.compression");
    }

    private StarterSettings settings(MigrationGuardProperties properties) {
        return new GuardSettingsFactory(properties, getClass().getClassLoader()).create();
    }
}
