package io.github.migrationguard.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One installation of the sample app as an operator has it: a data directory and a directory of migrations (a copy
 * of the app's own V1 to V3 that a test may edit or add to), started and stopped like the real thing.
 */
final class LibraryInstall {

    private final Path dataDir;

    private final Path migrations;

    private LibraryInstall(Path dataDir, Path migrations) {
        this.dataDir = dataDir;
        this.migrations = migrations;
    }

    static LibraryInstall in(Path dir) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql")) {
            try (InputStream in = script.getInputStream()) {
                Files.copy(in, migrations.resolve(script.getFilename()));
            }
        }
        return new LibraryInstall(dir.resolve("data"), migrations);
    }

    /**
     * Starts the app (web server on a random port) and returns its context; the caller closes it.
     */
    ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "library.data-dir=" + this.dataDir,
                "spring.flyway.locations=filesystem:" + this.migrations,
                "server.port=0",
                "server.address=127.0.0.1"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(LibraryApplication.class)
                .properties(all.toArray(String[]::new))
                .run();
    }

    /** Starts the app once and stops it: the database is at the latest migration. */
    void upgrade(String... properties) {
        start(properties).close();
    }

    void addMigration(String fileName, String sql) {
        write(this.migrations.resolve(fileName), sql);
    }

    void appendToMigration(String fileName, String text) {
        Path file = this.migrations.resolve(fileName);
        try {
            write(file, Files.readString(file) + text);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Path database() {
        return this.dataDir.resolve("library.db");
    }

    Path backups() {
        return this.dataDir.resolve("backups");
    }

    /** Queries the database file on a connection of its own, outside the app. */
    <T> T queryForObject(String sql, Class<T> type) {
        return withJdbc((jdbc) -> jdbc.queryForObject(sql, type));
    }

    /** Writes to the database file on a connection of its own, outside the app. */
    void update(String sql) {
        withJdbc((jdbc) -> jdbc.update(sql));
    }

    private <T> T withJdbc(Function<JdbcTemplate, T> work) {
        try (SingleConnectionDataSource dataSource =
                new SingleConnectionDataSource("jdbc:sqlite:" + database(), false)) {
            return work.apply(new JdbcTemplate(dataSource));
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
