package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.actuate.RunDescriptor;
import io.github.migrationguard.actuate.SnapshotAttemptDescriptor;
import io.github.migrationguard.lint.LintFailOn;
import io.github.migrationguard.snapshot.SnapshotMethod;
import io.github.migrationguard.snapshot.SnapshotWhen;
import io.github.migrationguard.snapshot.Verification;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.MergedAnnotations;

class MigrationGuardRuntimeHintsTests {

    private final RuntimeHints hints = registered();

    @Test
    void healthDetailRecordsCanBeWrittenByJackson() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RunDescriptor.class, "outcome"))
                .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SnapshotAttemptDescriptor.class, "file"))
                .accepts(this.hints);
    }

    @Test
    void enumsAmongTheEffectiveSettingsCanBeWrittenByJackson() {
        for (Class<?> type :
                new Class<?>[] {SnapshotWhen.class, SnapshotMethod.class, Verification.class, LintFailOn.class}) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type))
                    .as(type.getName())
                    .accepts(this.hints);
        }
    }

    @Test
    void autoConfigurationImportsTheHints() {
        assertThat(MergedAnnotations.from(MigrationGuardAutoConfiguration.class)
                        .get(ImportRuntimeHints.class)
                        .getClassArray("value"))
                .contains(MigrationGuardRuntimeHints.class);
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new MigrationGuardRuntimeHints().registerHints(hints, MigrationGuardRuntimeHintsTests.class.getClassLoader());
        return hints;
    }
}
