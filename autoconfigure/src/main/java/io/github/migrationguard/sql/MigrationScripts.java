package io.github.migrationguard.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jspecify.annotations.Nullable;

/**
 * Internal: reads the SQL files of migrations as Flyway resolved them, through Flyway's public API only: the configured
 * {@link ResourceProvider} when there is one (Flyway reads through it then), else the file Flyway found ({@link
 * MigrationInfo#getPhysicalLocation()}, in a directory or a jar), else the script under each location. The script's own
 * {@code .conf} beside it is read too: its {@code encoding} decides how the text is decoded, as in Flyway. Flyway's
 * settings are read once: each call of {@code Configuration.getLocations()} parses the locations again and scans the
 * class path for Flyway's plugins, which made reading 86 scripts cost more than the migrations themselves.
 */
public final class MigrationScripts {

    /**
     * What separates a jar from the entry in the path Flyway gives for a class path resource inside a jar.
     */
    private static final String JAR_ENTRY = "!/";

    private static final String CONF = ".conf";

    private final Location[] locations;

    private final @Nullable ResourceProvider resourceProvider;

    private final ClassLoader classLoader;

    private final Charset encoding;

    private final String[] suffixes;

    private final String separator;

    public MigrationScripts(Configuration configuration) {
        this.locations = configuration.getLocations();
        this.resourceProvider = configuration.getResourceProvider();
        this.classLoader = configuration.getClassLoader();
        this.encoding = configuration.getEncoding();
        this.suffixes = configuration.getSqlMigrationSuffixes();
        this.separator = configuration.getSqlMigrationSeparator();
    }

    /**
     * Reads the SQL file Flyway resolved for a migration: for an applied migration, the file on disk now, even when it
     * has another name than the one the schema history records.
     * @param migration the migration
     * @return the script, or empty when the migration is not SQL (a Java migration) or its file cannot be found
     */
    public Optional<MigrationScript> read(MigrationInfo migration) {
        Optional<Source> source = find(migration);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(source.get()));
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "Could not read migration " + source.get().name() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Returns the name of the SQL file Flyway resolved for a migration, without reading it.
     * @param migration the migration
     * @return the script name relative to its location, or empty when the migration is not SQL or its file cannot be
     * found
     */
    public Optional<String> scriptName(MigrationInfo migration) {
        return find(migration).map(Source::name);
    }

    /**
     * Returns the description Flyway derives from a script name: what follows the separator, without the suffix,
     * underscores read as spaces.
     * @param script a script name
     * @return the description
     */
    public String description(String script) {
        String name = script.substring(script.lastIndexOf('/') + 1);
        for (String suffix : this.suffixes) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        int separatorAt = name.indexOf(this.separator);
        return (separatorAt < 0)
                ? ""
                : name.substring(separatorAt + this.separator.length()).replace('_', ' ');
    }

    private Optional<Source> find(MigrationInfo migration) {
        String script = migration.getScript();
        String physical = migration.getPhysicalLocation();
        boolean hasPhysical = physical != null && !physical.isEmpty();
        if (script == null || !isSql(hasPhysical ? physical : script)) {
            return Optional.empty();
        }
        if (this.resourceProvider != null) {
            return fromResourceProvider(this.resourceProvider, script);
        }
        Optional<Source> found = hasPhysical ? fromPhysicalLocation(physical, script) : Optional.empty();
        return found.isPresent() ? found : fromLocations(script);
    }

    private boolean isSql(String name) {
        for (String suffix : this.suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Source> fromResourceProvider(ResourceProvider provider, String script) {
        // Flyway names a resource by its path relative to its location; older setups named it with the location
        List<String> paths = new ArrayList<>(List.of(script));
        for (Location location : this.locations) {
            paths.add(inLocation(location, script));
        }
        for (String path : paths) {
            if (provider.getResource(path) != null) {
                return Optional.of(new ProvidedSource(provider, path, script));
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the file Flyway resolved: a file on disk, or an entry of a jar (Flyway then gives the jar's path, a
     * {@code !/} and the entry's name).
     */
    private Optional<Source> fromPhysicalLocation(String physical, String script) {
        String path = physical.replace('\\', '/');
        String name = nameOf(path, script);
        Optional<Path> file = regularFile(physical);
        if (file.isPresent()) {
            return Optional.of(new FileSource(file.get(), name));
        }
        int entryAt = path.lastIndexOf(JAR_ENTRY);
        if (entryAt >= 0) {
            String entry = path.substring(entryAt + JAR_ENTRY.length());
            if (this.classLoader.getResource(entry) != null) {
                return Optional.of(new ClassPathSource(this.classLoader, entry, name));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the script name of the file Flyway resolved: the name Flyway reports when the file still has it,
     * otherwise its path below the location that holds it, or its file name.
     */
    private String nameOf(String path, String script) {
        if (path.equals(script) || path.endsWith("/" + script)) {
            return script;
        }
        for (Location location : this.locations) {
            String root = location.getRootPath().replace('\\', '/');
            root = root.startsWith("/") ? root.substring(1) : root;
            int rootAt = root.isEmpty() ? -1 : path.lastIndexOf(root + "/");
            if (rootAt >= 0 && (rootAt == 0 || path.charAt(rootAt - 1) == '/')) {
                return path.substring(rootAt + root.length() + 1);
            }
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Optional<Source> fromLocations(String script) {
        for (Location location : this.locations) {
            String path = inLocation(location, script);
            if (location.isClassPath() && this.classLoader.getResource(path) != null) {
                return Optional.of(new ClassPathSource(this.classLoader, path, script));
            }
            if (location.isFileSystem()) {
                Optional<Path> file = regularFile(path);
                if (file.isPresent()) {
                    return Optional.of(new FileSource(file.get(), script));
                }
            }
        }
        return Optional.empty();
    }

    private static String inLocation(Location location, String script) {
        return location.getRootPath().isEmpty() ? script : location.getRootPath() + "/" + script;
    }

    private static Optional<Path> regularFile(String path) {
        try {
            Path file = Path.of(path);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (InvalidPathException ex) {
            // A jar entry's path is not a file name on every platform
            return Optional.empty();
        }
    }

    private MigrationScript read(Source source) throws IOException {
        Properties conf = new Properties();
        String confText = source.read(CONF, this.encoding);
        if (confText != null) {
            conf.load(new StringReader(confText));
        }
        String encodingName = conf.getProperty("encoding");
        Charset charset = (encodingName != null) ? Charset.forName(encodingName.trim()) : this.encoding;
        String text = source.read("", charset);
        if (text == null) {
            throw new IOException(source.name() + " disappeared while it was being read");
        }
        return new MigrationScript(
                source.name(), text, flag(conf, "executeInTransaction"), flag(conf, "placeholderReplacement"));
    }

    private static @Nullable Boolean flag(Properties conf, String key) {
        String value = conf.getProperty(key);
        return (value != null) ? Boolean.valueOf(value.trim()) : null;
    }

    /**
     * Where a script and the files beside it are read from.
     */
    private interface Source {

        String name();

        /**
         * Reads the script, or the file beside it with this suffix added.
         * @return the text, or {@code null} when there is no such file
         */
        @Nullable
        String read(String suffix, Charset charset) throws IOException;
    }

    private record FileSource(Path file, String name) implements Source {

        @Override
        public @Nullable String read(String suffix, Charset charset) throws IOException {
            Path path = this.file.resolveSibling(this.file.getFileName() + suffix);
            return Files.isRegularFile(path) ? Files.readString(path, charset) : null;
        }
    }

    private record ClassPathSource(ClassLoader classLoader, String resource, String name) implements Source {

        @Override
        public @Nullable String read(String suffix, Charset charset) throws IOException {
            URL url = this.classLoader.getResource(this.resource + suffix);
            if (url == null) {
                return null;
            }
            try (InputStream in = url.openStream()) {
                return new String(in.readAllBytes(), charset);
            }
        }
    }

    private record ProvidedSource(ResourceProvider provider, String path, String name) implements Source {

        @Override
        public @Nullable String read(String suffix, Charset charset) throws IOException {
            // The provider decodes its resources itself
            LoadableResource resource = this.provider.getResource(this.path + suffix);
            if (resource == null) {
                return null;
            }
            try (Reader reader = resource.read()) {
                StringWriter text = new StringWriter();
                reader.transferTo(text);
                return text.toString();
            }
        }
    }
}
