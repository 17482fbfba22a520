package io.github.migrationguard.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A small library-loans service that keeps all its state in one SQLite file and upgrades its schema at startup.
 */
@SpringBootApplication
public class LibraryApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LibraryApplication.class);
        application.addListeners(new DataDirectoryCreator());
        application.run(args);
    }

    /**
     * Creates {@code library.data-dir} before the data source opens it: SQLite creates the database file but not its
     * directory. Reads the property from the environment, so {@code --library.data-dir=...} works like
     * {@code -Dlibrary.data-dir=...}.
     */
    static class DataDirectoryCreator implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

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
}
