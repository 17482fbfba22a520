package io.github.migrationguard.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.heal.HealSettings;
import io.github.migrationguard.snapshot.SnapshotSettings;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import io.github.migrationguard.testing.UpgradeStart;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Flyway's own log lines in a boot guarded by the engine alone, which leaves logging as it is
 * ({@link FlywayLogs#UNCHANGED}), against a plain {@code flyway.migrate()}: the guard's one look at Flyway before
 * migrating ({@code info()}) is a Flyway command of its own, which logs Flyway's banner, and on a fresh database "Schema
 * history table ... does not exist yet", once more; nothing else repeats them. The starter quiets that look
 * ({@code QuietFlywayLogsTests}; docs/operations.md, "Reading the logs").
 */
@ExtendWith(OutputCaptureExtension.class)
class FlywayLogLinesTests {

    private static final String BANNER = "Database: jdbc:sqlite:";

    private static final String NO_HISTORY = "does not exist yet";

    @TempDir
    Path temp;

    @Test
    void aFreshDatabaseLogsFlywaysLinesOnceMoreForTheLook(CapturedOutput output) {
        Counts plain = boot(output, "plain", UpgradeStart.EMPTY, Flyway::migrate);
        Counts guarded = boot(output, "guarded", UpgradeStart.EMPTY, FlywayLogLinesTests::guarded);
        assertThat(plain).isEqualTo(new Counts(1, 1));
        assertThat(guarded).isEqualTo(new Counts(2, 2));
    }

    @Test
    void anUpgradeWithPendingMigrationsLogsTheBannerOnceMoreForTheLook(CapturedOutput output) {
        Counts plain = boot(output, "plain", UpgradeStart.AT_V1, Flyway::migrate);
        Counts guarded = boot(output, "guarded", UpgradeStart.AT_V1, FlywayLogLinesTests::guarded);
        assertThat(plain).isEqualTo(new Counts(1, 0));
        assertThat(guarded).isEqualTo(new Counts(2, 0));
    }

    @Test
    void aBootWithNothingPendingLogsTheBannerOnceMoreForTheLook(CapturedOutput output) {
        Counts plain = boot(output, "plain", UpgradeStart.AT_V2, Flyway::migrate);
        Counts guarded = boot(output, "guarded", UpgradeStart.AT_V2, FlywayLogLinesTests::guarded);
        assertThat(plain).isEqualTo(new Counts(1, 0));
        assertThat(guarded).isEqualTo(new Counts(2, 0));
    }

    /**
     * Prepares a database at the given start, then boots once with V1 and V2 and counts Flyway's lines of that boot
     * only.
     */
    private Counts boot(CapturedOutput output, String name, UpgradeStart start, Consumer<Flyway> boot) {
        Path dir = this.temp.resolve(name);
        Migrations migrations = start.prepare(dir);
        int mark = output.getOut().length();
        boot.accept(migrations.flyway(TestDatabases.wal(dir.resolve("app.db"))));
        String lines = output.getOut().substring(mark);
        return new Counts(count(lines, BANNER), count(lines, NO_HISTORY));
    }

    private static void guarded(Flyway flyway) {
        GuardSettings settings =
                new GuardSettings(new SnapshotSettings(null, null, null, 0, null), HealSettings.defaults());
        new GuardedMigration(settings, new MigrationReports(), Clock.systemUTC()).migrate(flyway);
    }

    private static long count(String lines, String text) {
        return lines.lines().filter((line) -> line.contains(text)).count();
    }

    /**
     * How often Flyway's lines appeared in one boot.
     *
     * @param banner {@code Database: jdbc:sqlite:...}
     * @param noHistory {@code Schema history table ... does not exist yet}
     */
    private record Counts(long banner, long noHistory) {}
}
