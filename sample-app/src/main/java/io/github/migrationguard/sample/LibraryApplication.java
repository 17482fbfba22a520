package io.github.migrationguard.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small library-loans service that keeps all its state in one SQLite file and upgrades its schema at startup.
 */
@SpringBootApplication
public class LibraryApplication {

    public static void main(String[] args) throws IOException {
        // SQLite creates the database file but not its directory
        Files.createDirectories(Path.of(System.getProperty("library.data-dir", "data")));
        SpringApplication.run(LibraryApplication.class, args);
    }
}
