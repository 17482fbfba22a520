package io.github.migrationguard.heal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Reads the SQL file of a migration from Flyway's locations, as Flyway sees it. Flyway's settings are read once: each
 * call of {@code Configuration.getLocations()} parses the locations again and scans the class path for Flyway's
 * plugins, which made reading 86 scripts cost more than the migrations themselves.
 */
final class MigrationScripts {

    private final Location[] locations;

    private final ResourceProvider resourceProvider;

    private final ClassLoader classLoader;

    private final Charset charset;

    MigrationScripts(Configuration configuration) {
        this.locations = configuration.getLocations();
        this.resourceProvider = configuration.getResourceProvider();
        this.classLoader = configuration.getClassLoader();
        this.charset = configuration.getEncoding();
    }

    /**
     * Reads the text of a SQL migration.
     * @param migration the migration
     * @return the text, or empty when the migration is not SQL or its file cannot be found
     */
    Optional<String> read(MigrationInfo migration) {
        String script = migration.getScript();
        if (script == null || !script.endsWith(".sql")) {
            return Optional.empty();
        }
        try {
            for (Location location : this.locations) {
                Optional<String> text = read(location, script);
                if (text.isPresent()) {
                    return text;
                }
            }
            return readFile(migration.getPhysicalLocation());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read migration " + script + ": " + ex.getMessage(), ex);
        }
    }

    private Optional<String> read(Location location, String script) throws IOException {
        String path = location.getRootPath().isEmpty() ? script : location.getRootPath() + "/" + script;
        if (this.resourceProvider != null) {
            LoadableResource resource = this.resourceProvider.getResource(path);
            return (resource != null) ? Optional.of(read(resource)) : Optional.empty();
        }
        if (location.isClassPath()) {
            URL url = this.classLoader.getResource(path);
            return (url != null) ? Optional.of(read(url)) : Optional.empty();
        }
        if (location.isFileSystem()) {
            return readFile(path);
        }
        return Optional.empty();
    }

    private Optional<String> readFile(String path) throws IOException {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        Path file = Paths.get(path);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, charset())) : Optional.empty();
    }

    private String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), charset());
        }
    }

    private static String read(LoadableResource resource) throws IOException {
        try (Reader reader = resource.read()) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        }
    }

    private Charset charset() {
        return this.charset;
    }
}
