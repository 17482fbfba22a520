package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.migrationguard.remote.RemoteSettings;
import org.junit.jupiter.api.Test;

class RemoteSettingsTests {

    @Test
    void effectiveSettingsNeverShowTheKeys() {
        MigrationGuardProperties properties = new MigrationGuardProperties();
        properties.getRemote().setAccessKey("AKIDEXAMPLE");
        properties.getRemote().setSecretKey("s3cr3t");
        assertThat(EffectiveSettings.of(properties).toString())
                .contains("remote.secret-key=(set)")
                .doesNotContain("AKIDEXAMPLE")
                .doesNotContain("s3cr3t");
    }

    @Test
    void defaultValuesAreConsistent() {
        MigrationGuardProperties.Remote remote = new MigrationGuardProperties().getRemote();
        RemoteSettings defaults =
                RemoteSettings.defaults(io.github.migrationguard.remote.RemoteLocation.parse("s3://b"));
        assertThat(remote.getKeep()).isEqualTo(defaults.keep());
        assertThat(remote.getCompression()).isEqualTo(defaults.compression());
        assertThat(remote.getLabels()).hasSize(defaults.labels().size());
    }

    @Test
    void failsOnAUriThatIsNotS3() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MigrationGuardProperties().getRemote().setUri("https://bucket/prefix"))
                .withMessageContaining("migration-guard.remote.uri")
                .withMessageContaining("https://bucket/prefix");
    }

    @Test
    void failsOnAnUnknownLabel() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MigrationGuardProperties().getRemote().setLabels(java.util.List.of("nightly")))
                .withMessageContaining("migration-guard.remote.labels")
                .withMessageContaining("nightly");
    }
}
