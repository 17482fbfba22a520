package io.github.migrationguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationguard.testing.MigrationJars;
import io.github.migrationguard.testing.Migrations;
import io.github.migrationguard.testing.TestDatabases;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationScriptsTests {

    @TempDir
    Path temp;

    @Test
    void readsScriptFromFilesystemLocation() {
        Migrations migrations = new Migrations(this.temp.resolve("migrations")).add("V1__item.sql", "SELECT 1;\n");
        Flyway flyway = configure().locations(migrations.location()).load();
        assertThat(read(flyway, "1")).satisfies((script) -> {
            assertThat(script.name()).isEqualTo("V1__item.sql");
            assertThat(script.text()).isEqualTo("SELECT 1;\n");
            assertThat(script.executeInTransaction()).isNull();
            assertThat(script.placeholderReplacement()).isNull();
        });
    }

    @Test
    void readsScriptFromSubDirectoryUnderItsRelativeName() throws IOException {
        Path migrations = this.temp.resolve("migrations");
        Files.createDirectories(migrations.resolve("2026"));
        Files.writeString(migrations.resolve("2026/V1__item.sql"), "SELECT 1;\n");
        Flyway flyway = configure().locations("filesystem:" + migrations).load();
        assertThat(read(flyway, "1").name()).isEqualTo("2026/V1__item.sql");
    }

    @Test
    void readsScriptFromClassPathLocationInsideJar() throws IOException {
        try (URLClassLoader classLoader = MigrationJars.write(
                this.temp.resolve("migrations.jar"), Map.of("db/jarred/V1__item.sql", "SELECT 'from the jar';\n"))) {
            Flyway flyway =
                    configure(classLoader).locations("classpath:db/jarred").load();
            MigrationInfo migration = flyway.info().pending()[0];
            // Flyway gives the jar's path, then the entry: not a file this reader could open as such
            assertThat(migration.getPhysicalLocation()).contains("!/db/jarred/V1__item.sql");
            assertThat(new MigrationScripts(flyway.getConfiguration()).read(migration))
                    .hasValueSatisfying((script) -> {
                        assertThat(script.name()).isEqualTo("V1__item.sql");
                        assertThat(script.text()).isEqualTo("SELECT 'from the jar';\n");
                    });
        }
    }

    @Test
    void readsScriptFromClassPathDirectory() {
        Flyway flyway = configure().locations("classpath:db/lint").load();
        MigrationInfo first = flyway.info().pending()[0];
        assertThat(new MigrationScripts(flyway.getConfiguration()).read(first))
                .hasValueSatisfying((script) -> assertThat(script.name()).isEqualTo(first.getScript()));
    }

    @Test
    void decodesScriptWithTheEncodingOfItsConf() throws IOException {
        Path migrations = this.temp.resolve("migrations");
        Files.createDirectories(migrations);
        Files.write(migrations.resolve("V1__item.sql"), "SELECT 'café';\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(
                migrations.resolve("V1__item.sql.conf"),
                "encoding=ISO-8859-1\nexecuteInTransaction=false\nplaceholderReplacement=false\n");
        Flyway flyway = configure().locations("filesystem:" + migrations).load();
        assertThat(read(flyway, "1")).satisfies((script) -> {
            assertThat(script.text()).isEqualTo("SELECT 'café';\n");
            assertThat(script.executeInTransaction()).isFalse();
            assertThat(script.placeholderReplacement()).isFalse();
        });
    }

    @Test
    void javaMigrationHasNoScript() {
        Migrations migrations = new Migrations(this.temp.resolve("migrations")).add("V1__item.sql", "SELECT 1;\n");
        Flyway flyway = configure()
                .locations(migrations.location())
                .javaMigrations(new V2__Java())
                .load();
        MigrationInfo java = flyway.info().pending()[1];
        assertThat(java.getVersion().getVersion()).isEqualTo("2");
        assertThat(new MigrationScripts(flyway.getConfiguration()).read(java)).isEmpty();
    }

    @Test
    void descriptionIsDerivedFromTheFileNameAsFlywayDoes() {
        Flyway flyway = configure().sqlMigrationSuffixes(".sql", ".ddl").load();
        MigrationScripts scripts = new MigrationScripts(flyway.getConfiguration());
        assertThat(scripts.description("V2__add_label.sql")).isEqualTo("add label");
        assertThat(scripts.description("2026/V2_1__add_label.ddl")).isEqualTo("add label");
    }

    private MigrationScript read(Flyway flyway, String version) {
        for (MigrationInfo migration : flyway.info().pending()) {
            if (migration.getVersion().getVersion().equals(version)) {
                return new MigrationScripts(flyway.getConfiguration())
                        .read(migration)
                        .orElseThrow();
            }
        }
        throw new IllegalArgumentException("No pending version " + version);
    }

    private FluentConfiguration configure() {
        return configure(getClass().getClassLoader());
    }

    private FluentConfiguration configure(ClassLoader classLoader) {
        return Flyway.configure(classLoader).dataSource(TestDatabases.wal(this.temp.resolve("app.db")));
    }

    static class V2__Java extends BaseJavaMigration {

        @Override
        public void migrate(Context context) {}
    }
}
