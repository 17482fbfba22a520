package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.heal.HealMode;
import io.github.migrationguard.lint.LintFailOn;
import io.github.migrationguard.lint.LintSettings;
import io.github.migrationguard.remote.RemoteSettings;
import io.github.migrationguard.restore.RestoreSettings;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import io.github.migrationguard.strategy.GuardSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.unit.DataSize;

class MigrationGuardPropertiesTests {

    @Test
    void defaultValuesAreConsistent() {
        MigrationGuardProperties properties = new MigrationGuardProperties();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getSnapshot().isEnabled()).isTrue();
        assertThat(properties.getSnapshot().getKeep()).isEqualTo(5);
        assertThat(properties.getSnapshot().getDir()).isNull();
        assertThat(properties.getSnapshot().getWhen()).isEqualTo(SnapshotWhen.PENDING);
        assertThat(properties.getSnapshot().getMethod()).isEqualTo(SnapshotMethod.AUTO);
        assertThat(properties.getSnapshot().getVerify()).isEqualTo(Verification.QUICK);
        assertThat(properties.getSnapshot().getOnFailure())
                .isEqualTo(MigrationGuardProperties.Snapshot.OnFailure.CONTINUE);
        assertThat(properties.getSnapshot().getMinFreeSpace()).isEqualTo(DataSize.ofBytes(0));
        assertThat(properties.getSelfHeal().isEnabled()).isTrue();
        assertThat(properties.getSelfHeal().getVersions()).isEmpty();
        assertThat(properties.getSelfHeal().getMode()).isEqualTo(HealMode.REALIGN);
        assertThat(properties.getSelfHeal().isFingerprint()).isTrue();
        assertThat(properties.getSelfHeal().getFingerprintTable()).isEqualTo("migration_guard_fingerprint");
        assertThat(properties.getRestore().isOnFailure()).isTrue();
        assertThat(properties.getRestore().getFrom()).isNull();
        assertThat(properties.getRestore().isForce()).isFalse();
        assertThat(properties.getRestore().isOnDowngrade())
                .isFalse()
                .isEqualTo(RestoreSettings.defaults().onDowngrade());
        assertThat(properties.getRehearse().isEnabled()).isFalse();
        assertThat(properties.getSchedule().getCron()).isNull();
        assertThat(properties.getSchedule().getKeep()).isEqualTo(14);
        assertThat(properties.getHealth().getMinFreeSpace()).isEqualTo(DataSize.ofMegabytes(100));
        assertThat(properties.getLint().isEnabled()).isTrue();
        assertThat(properties.getLint().getFailOn()).isEqualTo(LintFailOn.NEVER);
    }

    @Test
    void defaultValuesAreConsistentWithTheEngine() {
        StarterSettings settings = new GuardSettingsFactory(
                        new MigrationGuardProperties(), getClass().getClassLoader())
                .create();
        assertThat(settings.guard()).isEqualTo(GuardSettings.defaults());
        assertThat(settings.guard().lint()).isEqualTo(LintSettings.DEFAULTS);
        assertThat(settings.remote()).isEqualTo(RemoteSettings.defaults(null));
    }

    @Test
    void bindsKebabCaseEnumValues() {
        MigrationGuardProperties properties = bind(Map.of(
                "migration-guard.snapshot.method", "vacuum-into",
                "migration-guard.snapshot.on-failure", "abort",
                "migration-guard.snapshot.min-free-space", "2GB"));
        assertThat(properties.getSnapshot().getMethod()).isEqualTo(SnapshotMethod.VACUUM_INTO);
        assertThat(properties.getSnapshot().getOnFailure())
                .isEqualTo(MigrationGuardProperties.Snapshot.OnFailure.ABORT);
        assertThat(properties.getSnapshot().getMinFreeSpace()).isEqualTo(DataSize.ofGigabytes(2));
    }

    @Test
    void bindsAllowlistOfVersions() {
        MigrationGuardProperties properties = bind(Map.of("migration-guard.self-heal.versions", "9, 10.1"));
        assertThat(properties.getSelfHeal().getVersions()).containsExactly("9", "10.1");
    }

    @Test
    void bindsRestoreOnDowngradeIntoTheEngineSettings() {
        MigrationGuardProperties properties = bind(Map.of("migration-guard.restore.on-downgrade", "true"));
        assertThat(new GuardSettingsFactory(properties, getClass().getClassLoader())
                        .create()
                        .guard()
                        .restore()
                        .onDowngrade())
                .isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataDocumentsRestoreOnDowngradeWithItsDefault() throws Exception {
        String json;
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Object> properties =
                (List<Object>) JsonParserFactory.getJsonParser().parseMap(json).get("properties");
        assertThat(properties)
                .filteredOn(
                        (property) -> "migration-guard.restore.on-downgrade".equals(((Map<?, ?>) property).get("name")))
                .singleElement()
                .satisfies((property) -> {
                    Map<?, ?> entry = (Map<?, ?>) property;
                    assertThat(entry.get("type")).isEqualTo("java.lang.Boolean");
                    assertThat(entry.get("defaultValue")).isEqualTo(false);
                    assertThat((String) entry.get("description"))
                            .startsWith("Whether an older build started on a newer database");
                });
    }

    private static MigrationGuardProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bind("migration-guard", MigrationGuardProperties.class)
                .get();
    }
}
