package io.github.migrationguard.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Migrations packaged in a jar, as an application's build ships them, for {@code classpath:} locations.
 */
public final class MigrationJars {

    private MigrationJars() {}

    /**
     * Writes a jar.
     * @param jar the jar file
     * @param entries the entries, by name ({@code db/migration/V1__init.sql}), and their text
     * @return a class loader that sees only the jar
     */
    public static URLClassLoader write(Path jar, Map<String, String> entries) {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jarOut.closeEntry();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try {
            return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        } catch (MalformedURLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
