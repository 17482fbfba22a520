package io.github.migrationguard.restore;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * A small properties file of migration-guard's in the backup directory that must survive a crash or {@code kill -9}:
 * written to a temporary name, forced to disk, renamed atomically, and the directory forced, so that it is either
 * there whole or not at all. Its name starts with a dot, so that it is never taken for a snapshot.
 */
final class GuardFile {

    private final Path file;

    GuardFile(Path dir, String name) {
        this.file = dir.resolve(name);
    }

    Path path() {
        return this.file;
    }

    Optional<Properties> read() {
        if (!Files.isRegularFile(this.file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + this.file, ex);
        }
        return Optional.of(properties);
    }

    void write(Properties properties) {
        Path temp = this.file.resolveSibling(this.file.getFileName() + ".tmp");
        try {
            Files.createDirectories(this.file.getParent());
            StringWriter text = new StringWriter();
            properties.store(text, "migration-guard: do not edit");
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            force(temp, StandardOpenOption.WRITE);
            Files.move(temp, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write " + this.file, ex);
        }
    }

    void delete() {
        try {
            if (Files.deleteIfExists(this.file)) {
                forceDirectory();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + this.file, ex);
        }
    }

    private void forceDirectory() {
        try {
            force(this.file.getParent(), StandardOpenOption.READ);
        } catch (IOException ex) {
            // Some platforms cannot open a directory for sync; the rename itself is still atomic there
        }
    }

    private static void force(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }
}
