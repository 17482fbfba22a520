package io.github.migrationguard.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import io.github.migrationguard.snapshot.SnapshotDirectory;
import io.github.migrationguard.snapshot.SnapshotLabel;
import io.github.migrationguard.testing.GuardedApplication;
import io.github.migrationguard.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots a real application on a database at version 1 whose upgrade is a good V2 and a broken V3, and checks that
 * the boot fails with the database exactly as it was before, and one verified snapshot.
 */
final class UpgradeRun {

    private UpgradeRun() {}

    /**
     * Returns the properties that point an application at a {@link GuardedApplication}.
     * @param application the database and migrations
     * @return the properties
     */
    static String[] properties(GuardedApplication application) {
        return new String[] {
            "spring.datasource.url=jdbc:sqlite:" + application.database(),
            "spring.datasource.hikari.maximum-pool-size=1",
            "spring.flyway.locations=" + application.migrations().location()
        };
    }

    static void brokenUpgradeLeavesTheDatabaseAsItWas(Class<?> applicationClass, Path dir) {
        GuardedApplication application = new GuardedApplication(dir);
        application
                .migrations()
                .add("V3__broken.sql", "CREATE TABLE audit (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n");
        List<String> before = TestDatabases.dump(application.database());
        assertThatException()
                .isThrownBy(() -> boot(applicationClass, application).close())
                .withStackTraceContaining("restored from snapshot")
                .withStackTraceContaining("back at version 1");
        assertThat(TestDatabases.dump(application.database())).isEqualTo(before);
        List<SnapshotDirectory.StoredSnapshot> snapshots =
                new SnapshotDirectory(application.backups()).list(SnapshotLabel.PRE_MIGRATE);
        assertThat(snapshots).singleElement().satisfies((snapshot) -> assertThat(
                        TestDatabases.integrityCheck(snapshot.file()))
                .containsExactly("ok"));
    }

    private static ConfigurableApplicationContext boot(Class<?> applicationClass, GuardedApplication application) {
        return new SpringApplicationBuilder(applicationClass)
                .web(WebApplicationType.NONE)
                .properties(properties(application))
                .run();
    }
}
