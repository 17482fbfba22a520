package io.github.migrationguard.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Creates {@code library.data-dir} before the data source opens it: SQLite creates the database file but not its
 * directory. Registered in {@code META-INF/spring.factories}, so it runs however the app starts ({@code java -jar},
 * {@code spring-boot:run}, tests) and whichever way the property is set.
 */
class DataDirectoryCreator implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Path dir = Path.of(event.getEnvironment().getProperty("library.data-dir", "data"));
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot create library.data-dir " + dir.toAbsolutePath(), ex);
        }
    }
}
