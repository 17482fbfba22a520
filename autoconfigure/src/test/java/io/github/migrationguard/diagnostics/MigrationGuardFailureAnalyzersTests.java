package io.github.migrationguard.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.GuardedApplication;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Each startup failure migration-guard raises is explained by a failure analyzer registered in
 * {@code META-INF/spring.factories}, as Spring Boot's "APPLICATION FAILED TO START" report shows it.
 */
class MigrationGuardFailureAnalyzersTests {

    @TempDir
    Path temp;

    @Test
    void refusedDriftIsExplainedWithTheVersionAndTheWaysOut() {
        GuardedApplication app = new GuardedApplication(this.temp);
        app.migrations().add("V1__author.sql", "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT);\n");
        app.runner().run((context) -> {
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .contains("before anything was written")
                    .contains("Version 1 changed after it was applied");
            assertThat(analysis.getAction()).contains("migration-guard.self-heal.versions");
        });
    }

    @Test
    void abortedSnapshotIsExplainedWithWhatToCheck() {
        GuardedApplication app = new GuardedApplication(this.temp);
        app.runner()
                .withPropertyValues(
                        "migration-guard.snapshot.on-failure=abort", "migration-guard.snapshot.min-free-space=1000TB")
                .run((context) -> assertThat(
                                analyze(context.getStartupFailure()).getAction())
                        .contains("migration-guard.snapshot.on-failure=continue"));
    }

    @Test
    void lintFailureIsExplainedWithTheFindings() {
        GuardedApplication app = new GuardedApplication(this.temp);
        app.migrations().add("V3__vacuum.sql", "VACUUM;\n");
        app.runner().withPropertyValues("migration-guard.lint.fail-on=warning").run((context) -> assertThat(
                        analyze(context.getStartupFailure()).getAction())
                .contains("migration-guard.lint.fail-on=never"));
    }

    @Test
    void failedRestoreRequestIsExplainedWithTheWayBack() {
        GuardedApplication app = new GuardedApplication(this.temp);
        app.runner()
                .withPropertyValues("migration-guard.restore.from=no-such-snapshot.db")
                .run((context) -> assertThat(
                                analyze(context.getStartupFailure()).getAction())
                        .contains("Restoring by hand"));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        assertThat(failure).isNotNull();
        // Spring Boot's own analyzers need the bean factory: only migration-guard's are instantiated here
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                        FailureAnalyzer.class,
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, ignored) -> {}));
        return analyzers.stream()
                .filter((analyzer) ->
                        analyzer.getClass().getPackageName().equals("io.github.migrationguard.diagnostics"))
                .map((analyzer) -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No migration-guard analyzer explains " + failure));
    }
}
