package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.actuate.RestoreDescriptor;
import io.github.migrationguard.actuate.RunDescriptor;
import io.github.migrationguard.actuate.SnapshotAttemptDescriptor;
import io.github.migrationguard.restore.SchemaAhead;
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
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SchemaAhead.class, "snapshot"))
                .accepts(this.hints);
    }

    @Test
    void nestedRecordsOfTheLastRunCanBeWrittenByJackson() {
        assertThat(RuntimeHintsPredicates.reflection().onType(RestoreDescriptor.class))
                .accepts(this.hints);
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
