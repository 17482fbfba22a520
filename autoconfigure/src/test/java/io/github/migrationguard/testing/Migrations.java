package io.github.migrationguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Flyway SQL migrations written to a directory, for {@code filesystem:} locations.
 */
public final class Migrations {

    private final Path dir;

    public Migrations(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Writes a migration file.
     * @param fileName the file name, for example {@code V1__init.sql}
     * @param sql the script
     * @return this
     */
    public Migrations add(String fileName, String sql) {
        try {
            Files.writeString(this.dir.resolve(fileName), sql);
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Returns the Flyway location of this directory.
     * @return a {@code filesystem:} location
     */
    public String location() {
        return "filesystem:" + this.dir.toAbsolutePath();
    }

    /**
     * Returns the directory.
     * @return the directory
     */
    public Path dir() {
        return this.dir;
    }

    /**
     * Returns a Flyway that migrates the given database with these migrations.
     * @param dataSource the database
     * @return the Flyway
     */
    public Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(location()).load();
    }
}
