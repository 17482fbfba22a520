package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.Migrations;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/**
 * Bad property values fail startup where the properties become settings, with Spring Boot's
 * {@link InvalidConfigurationPropertyValueException}: the property, the value and what is allowed, before anything is
 * snapshotted or migrated.
 */
class PropertyValidationTests {

    @TempDir
    Path temp;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void setUp() {
        Migrations migrations = new Migrations(this.temp.resolve("migrations"))
                .add("V1__items.sql", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT);");
        this.contextRunner =
                GuardContextRunners.sqlite(this.temp.resolve("app.db") + "?journal_mode=WAL", migrations.location());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("snapshot.keep", "-1", "-1", "must be 0 or more"),
                Arguments.of("snapshot.min-free-space", "-1MB", "-1048576B", "must be a size of 0 or more"),
                Arguments.of("self-heal.versions", "9, V10", "9,V10", "must list Flyway versions such as 9 or 10.1"),
                Arguments.of(
                        "self-heal.fingerprint-table", "x; DROP TABLE y", "x; DROP TABLE y", "must be a plain SQL"),
                Arguments.of("restore.from", "../app.db", "../app.db", "without a path"),
                Arguments.of("schedule.cron", "every night", "every night", "Spring cron expression with six fields"),
                Arguments.of("schedule.keep", "-3", "-3", "must be 0 or more"),
                Arguments.of("health.min-free-space", "-1B", "-1B", "must be a size of 0 or more"),
                Arguments.of("remote.uri", "https://bucket/prefix", "https://bucket/prefix", "s3://bucket/prefix"),
                Arguments.of("remote.labels", "manual, nightly", "manual,nightly", "found 'nightly'"),
                Arguments.of("remote.keep", "0", "0", "must be 1 or more"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueFailsStartupNamingThePropertyTheValueAndWhatIsAllowed(
            String property, String value, String shown, String allowed) {
        this.contextRunner
                .withPropertyValues("migration-guard." + property + "=" + value)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    InvalidConfigurationPropertyValueException invalid = invalidValue(context.getStartupFailure());
                    assertThat(invalid.getName()).isEqualTo("migration-guard." + property);
                    assertThat(String.valueOf(invalid.getValue())).isEqualTo(shown);
                    assertThat(invalid.getReason()).contains(allowed);
                });
        assertThat(this.temp.resolve("backups")).doesNotExist();
    }

    @Test
    void springBootsFailureAnalyzerReportsTheBadValue() {
        this.contextRunner
                .withPropertyValues("migration-guard.snapshot.keep=-1")
                .run((context) -> {
                    // A failed context hands out no environment: the analyzer gets one with the same property
                    MockEnvironment environment =
                            new MockEnvironment().withProperty("migration-guard.snapshot.keep", "-1");
                    FailureAnalysis analysis = analyze(context.getStartupFailure(), environment);
                    assertThat(analysis.getDescription())
                            .contains("Invalid value '-1' for configuration property 'migration-guard.snapshot.keep'")
                            .contains("must be 0 or more");
                });
    }

    @Test
    void settersKeepWhatTheyAreGiven() {
        MigrationGuardProperties properties = new MigrationGuardProperties();
        properties.getSnapshot().setKeep(-1);
        properties.getSnapshot().setMinFreeSpace(DataSize.ofBytes(-1));
        properties.getSelfHeal().setVersions(List.of(" V10 "));
        properties.getRestore().setFrom("  ");
        properties.getSchedule().setCron("every night");
        properties.getRemote().setUri(" s3://bucket ");
        properties.getRemote().setKeep(0);
        assertThat(properties.getSnapshot().getKeep()).isEqualTo(-1);
        assertThat(properties.getSnapshot().getMinFreeSpace()).isEqualTo(DataSize.ofBytes(-1));
        assertThat(properties.getSelfHeal().getVersions()).containsExactly(" V10 ");
        assertThat(properties.getRestore().getFrom()).isEqualTo("  ");
        assertThat(properties.getSchedule().getCron()).isEqualTo("every night");
        assertThat(properties.getRemote().getUri()).isEqualTo(" s3://bucket ");
        assertThat(properties.getRemote().getKeep()).isZero();
    }

    @Test
    void valuesAreTrimmedAndBlankMeansUnsetInTheSettings() {
        MigrationGuardProperties properties = new MigrationGuardProperties();
        properties.getSelfHeal().setVersions(List.of(" 9 ", "10.1"));
        properties.getRestore().setFrom("  ");
        properties.getSchedule().setCron("  ");
        properties.getRemote().setUri(" s3://bucket/prefix/ ");
        StarterSettings settings =
                new GuardSettingsFactory(properties, getClass().getClassLoader()).create();
        assertThat(settings.guard().heal().versions()).containsExactly("9", "10.1");
        assertThat(settings.guard().restore().from()).isNull();
        assertThat(settings.schedule().cron()).isNull();
        assertThat(settings.remote().location()).hasToString("s3://bucket/prefix");
    }

    static InvalidConfigurationPropertyValueException invalidValue(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("cause of %s", failure).isNotNull();
        return (InvalidConfigurationPropertyValueException) Objects.requireNonNull(cause);
    }

    private static FailureAnalysis analyze(Throwable failure, Environment environment) {
        // The analyzers Spring Boot registers, built as SpringApplication builds them, with the environment
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                        FailureAnalyzer.class,
                        ArgumentResolver.of(Environment.class, environment),
                        // Analyzers that need the bean factory are left out, as the test needs none of them
                        FailureHandler.handleMessage((message, ignored) -> {}));
        return analyzers.stream()
                .filter((analyzer) ->
                        analyzer.getClass().getSimpleName().equals("InvalidConfigurationPropertyValueFailureAnalyzer"))
                .map((analyzer) -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("Spring Boot does not explain " + failure));
    }
}
