package io.github.migrationguard.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.migrationguard.testing.GuardContextRunners;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.UpgradeStart;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A guarded boot logs exactly the lines Flyway logs in a plain Spring Boot boot of the same database: the guard's own
 * Flyway commands (the look before migrating, the read-back after an application's step, the rehearsal) log none of
 * Flyway's INFO lines again.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuietFlywayLogsTests {

    private static final String V1_REFORMATTED =
            "-- items\ncreate table item (\n    id integer primary key,\n    name text\n);\n";

    private static final Pattern FLYWAY_LINE = Pattern.compile(".*\\b(INFO|WARN|ERROR) +(org\\.flywaydb\\.\\S+) (.*)");

    private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

    @TempDir
    Path temp;

    @AfterEach
    void resetFlywayLevel() {
        this.loggingSystem.setLogLevel(QuietFlywayLogs.FLYWAY_LOGGER, null);
    }

    @Test
    void freshDatabaseLogsFlywaysLinesAsAPlainBootDoes(CapturedOutput output) {
        assertThat(boot(output, "guarded", UpgradeStart.EMPTY, true))
                .isEqualTo(boot(output, "plain", UpgradeStart.EMPTY, false));
    }

    @Test
    void upgradeLogsFlywaysLinesAsAPlainBootDoes(CapturedOutput output) {
        assertThat(boot(output, "guarded", UpgradeStart.AT_V1, true))
                .isEqualTo(boot(output, "plain", UpgradeStart.AT_V1, false));
    }

    @Test
    void bootWithNothingPendingLogsFlywaysLinesAsAPlainBootDoes(CapturedOutput output) {
        assertThat(boot(output, "guarded", UpgradeStart.AT_V2, true))
                .isEqualTo(boot(output, "plain", UpgradeStart.AT_V2, false));
    }

    @Test
    void rehearsalOnACopyLogsNoneOfFlywaysLines(CapturedOutput output) {
        List<String> plain = boot(output, "plain", UpgradeStart.AT_V1, false);
        List<String> rehearsed =
                boot(output, "rehearsed", UpgradeStart.AT_V1, true, "migration-guard.restore.rehearse=true");
        assertThat(rehearsed).isEqualTo(plain);
    }

    @Test
    void healedBootThatAsksFlywayToValidateLogsTheLinesOfAPlainUpgrade(CapturedOutput output) {
        List<String> plain = boot(output, "plain", UpgradeStart.AT_V1, false);
        Path dir = this.temp.resolve("healed");
        Migrations migrations = new Migrations(dir.resolve("migrations")).add("V1__item.sql", UpgradeStart.V1);
        runner(dir, migrations, true).run((context) -> assertThat(context).hasNotFailed());
        // Reformatted after release: the fingerprint heals it, which the look must confirm with Flyway's validate
        migrations.add("V1__item.sql", V1_REFORMATTED).add("V2__size.sql", UpgradeStart.V2);
        List<String> healed = flywayLines(output, () -> runner(dir, migrations, true)
                .run((context) -> assertThat(context).hasNotFailed()));
        assertThat(healed).isEqualTo(plain);
    }

    @Test
    void applicationsOwnStrategyLogsFlywaysLinesAsWithoutTheGuard(CapturedOutput output) {
        FlywayMigrationStrategy strategy = Flyway::migrate;
        List<String> plain = boot(output, "plain", UpgradeStart.AT_V1, false, strategy);
        List<String> guarded = boot(output, "guarded", UpgradeStart.AT_V1, true, strategy);
        assertThat(guarded).isEqualTo(plain);
    }

    @Test
    void flywayLoggerIsBackAtItsConfiguredLevelAfterTheBoot(CapturedOutput output) {
        boot(output, "guarded", UpgradeStart.AT_V1, true);
        assertThat(this.loggingSystem
                        .getLoggerConfiguration(QuietFlywayLogs.FLYWAY_LOGGER)
                        .getConfiguredLevel())
                .isNull();
    }

    @Test
    void commandRunsWithFlywayAtWarnAndTheLevelComesBackWhenItThrows() {
        QuietFlywayLogs logs = new QuietFlywayLogs(this.loggingSystem);
        assertThatIllegalStateException()
                .isThrownBy(() -> logs.quietly(() -> {
                    assertThat(effectiveFlywayLevel()).isEqualTo(LogLevel.WARN);
                    throw new IllegalStateException("the command failed");
                }));
        assertThat(effectiveFlywayLevel()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void commandsOfTwoGuardsRunTogetherAndTheLevelComesBackWhenTheLastEnds() throws Exception {
        QuietFlywayLogs first = new QuietFlywayLogs(this.loggingSystem);
        QuietFlywayLogs second = new QuietFlywayLogs(this.loggingSystem);
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // A long command of one guard (a rehearsal) must not hold up another guard's commands
            Future<LogLevel> firstLevel = threads.submit(() -> first.quietly(() -> {
                firstInside.countDown();
                await(firstMayEnd);
                return effectiveFlywayLevel();
            }));
            await(firstInside);
            Future<LogLevel> secondLevel = threads.submit(() -> second.quietly(this::effectiveFlywayLevel));
            assertThat(secondLevel.get(30, TimeUnit.SECONDS)).isEqualTo(LogLevel.WARN);
            assertThat(effectiveFlywayLevel()).isEqualTo(LogLevel.WARN);
            firstMayEnd.countDown();
            assertThat(firstLevel.get(30, TimeUnit.SECONDS)).isEqualTo(LogLevel.WARN);
            assertThat(effectiveFlywayLevel()).isEqualTo(LogLevel.INFO);
        } finally {
            firstMayEnd.countDown();
            threads.shutdown();
        }
    }

    @Test
    void applicationThatAskedForFlywaysDebugLinesKeepsThem() {
        this.loggingSystem.setLogLevel(QuietFlywayLogs.FLYWAY_LOGGER, LogLevel.DEBUG);
        LogLevel during = new QuietFlywayLogs(this.loggingSystem).quietly(this::effectiveFlywayLevel);
        assertThat(during).isEqualTo(LogLevel.DEBUG);
        assertThat(effectiveFlywayLevel()).isEqualTo(LogLevel.DEBUG);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Timed out: one quiet command waited for the other");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private LogLevel effectiveFlywayLevel() {
        return this.loggingSystem
                .getLoggerConfiguration(QuietFlywayLogs.FLYWAY_LOGGER)
                .getEffectiveLevel();
    }

    private List<String> boot(
            CapturedOutput output, String name, UpgradeStart start, boolean guarded, Object... propertiesOrStrategy) {
        Path dir = this.temp.resolve(name);
        Migrations migrations = start.prepare(dir);
        ApplicationContextRunner runner = runner(dir, migrations, guarded);
        for (Object extra : propertiesOrStrategy) {
            runner = (extra instanceof FlywayMigrationStrategy strategy)
                    ? runner.withBean(FlywayMigrationStrategy.class, () -> strategy)
                    : runner.withPropertyValues((String) extra);
        }
        ApplicationContextRunner boot = runner;
        return flywayLines(
                output, () -> boot.run((context) -> assertThat(context).hasNotFailed()));
    }

    private static ApplicationContextRunner runner(Path dir, Migrations migrations, boolean guarded) {
        return GuardContextRunners.sqlite(dir.resolve("app.db") + "?journal_mode=WAL", migrations.location())
                .withPropertyValues("migration-guard.enabled=" + guarded);
    }

    /**
     * Flyway's lines that the boot logged, without what differs from one database and run to the next (the
     * directory, execution times).
     */
    private static List<String> flywayLines(CapturedOutput output, Runnable boot) {
        int mark = output.getOut().length();
        boot.run();
        return output.getOut()
                .substring(mark)
                .lines()
                .map(FLYWAY_LINE::matcher)
                .filter(java.util.regex.Matcher::matches)
                .map((line) -> line.group(1) + " " + line.group(2) + " " + line.group(3))
                .map((line) -> line.replaceAll("jdbc:sqlite:\\S+", "jdbc:sqlite:app.db")
                        .replaceAll("\\(execution time [^)]*\\)", ""))
                .toList();
    }
}
