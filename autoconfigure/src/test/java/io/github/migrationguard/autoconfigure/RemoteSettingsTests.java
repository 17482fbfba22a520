package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.remote.RemoteLocation;
import io.github.migrationguard.remote.RemoteSettings;
import org.junit.jupiter.api.Test;

class RemoteSettingsTests {

    @Test
    void effectiveSettingsNeverShowTheKeys() {
        MigrationGuardProperties properties = new MigrationGuardProperties();
        properties.getRemote().setAccessKey("AKIDEXAMPLE");
        properties.getRemote().setSecretKey("s3cr3t");
        StarterSettings settings =
                new GuardSettingsFactory(properties, getClass().getClassLoader()).create();
        assertThat(EffectiveSettings.of(settings).toString())
                .contains("remote.secret-key=(set)")
                .doesNotContain("AKIDEXAMPLE")
                .doesNotContain("s3cr3t");
    }

    @Test
    void defaultValuesAreConsistent() {
        MigrationGuardProperties.Remote remote = new MigrationGuardProperties().getRemote();
        RemoteSettings defaults = RemoteSettings.defaults(RemoteLocation.parse("s3://b"));
        assertThat(remote.getKeep()).isEqualTo(defaults.keep());
        assertThat(remote.getCompression()).isEqualTo(defaults.compression());
        assertThat(remote.getLabels()).hasSize(defaults.labels().size());
    }
}
