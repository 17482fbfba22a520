package io.github.migrationguard.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * A pending SQL migration as lint reads it: its script, its text, and whether Flyway will run it in a transaction.
 *
 * @param script the script name, relative to its location
 * @param text the script text
 * @param transactional whether Flyway runs it inside a transaction
 */
record PendingScript(String script, String text, boolean transactional) {

    /**
     * Reads the pending SQL migrations of a Flyway.
     * @param flyway the Flyway
     * @return the scripts in the order Flyway would apply them; scripts that cannot be found are left out
     */
    static List<PendingScript> of(Flyway flyway) {
        return of(flyway.getConfiguration(), flyway.info().pending());
    }

    /**
     * Reads the given pending SQL migrations.
     * @param configuration the Flyway configuration
     * @param pending the pending migrations, from a look already taken
     * @return the scripts in the order Flyway would apply them; scripts that cannot be found are left out
     */
    static List<PendingScript> of(Configuration configuration, MigrationInfo[] pending) {
        List<PendingScript> scripts = new ArrayList<>();
        for (MigrationInfo migration : pending) {
            String script = migration.getScript();
            if (script != null && script.endsWith(".sql")) {
                read(migration, configuration)
                        .ifPresent((text) ->
                                scripts.add(new PendingScript(script, text, transactional(migration, configuration))));
            }
        }
        return scripts;
    }

    private static boolean transactional(MigrationInfo migration, Configuration configuration) {
        // Flyway's resolved migration knows the script's own executeInTransaction (from its .conf) and what the
        // parser detected; the public API does not expose it
        if (migration instanceof MigrationInfoImpl impl && impl.getResolvedMigration() != null) {
            return impl.getResolvedMigration().getExecutor().canExecuteInTransaction();
        }
        return configuration.isExecuteInTransaction();
    }

    private static Optional<String> read(MigrationInfo migration, Configuration configuration) {
        String physical = migration.getPhysicalLocation();
        if (physical != null && !physical.isEmpty() && Files.isRegularFile(Path.of(physical))) {
            return Optional.of(readFile(Path.of(physical), configuration));
        }
        for (Location location : configuration.getLocations()) {
            Optional<String> text = readFromLocation(location, migration.getScript(), configuration);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> readFromLocation(Location location, String script, Configuration configuration) {
        if (location.isFileSystem()) {
            Path file = Path.of(location.getRootPath(), script);
            return Files.isRegularFile(file) ? Optional.of(readFile(file, configuration)) : Optional.empty();
        }
        if (location.isClassPath()) {
            String root = location.getRootPath();
            String name = root.isEmpty() ? script : root + "/" + script;
            URL resource = configuration.getClassLoader().getResource(name);
            return (resource != null) ? Optional.of(readUrl(resource, configuration)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String readFile(Path file, Configuration configuration) {
        try {
            return Files.readString(file, configuration.getEncoding());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read migration " + file, ex);
        }
    }

    private static String readUrl(URL resource, Configuration configuration) {
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), configuration.getEncoding());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read migration " + resource, ex);
        }
    }
}
