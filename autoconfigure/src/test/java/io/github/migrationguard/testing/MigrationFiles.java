package io.github.migrationguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Real migration scripts in a directory, and a Flyway that reads them from the file system.
 */
public final class MigrationFiles {

    private final Path dir;

    public MigrationFiles(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Writes a migration script.
     * @param name the file name, for example {@code V2__add_column.sql}
     * @param sql the script
     * @return this
     */
    public MigrationFiles write(String name, String sql) {
        try {
            Files.writeString(this.dir.resolve(name), sql);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    public Path dir() {
        return this.dir;
    }

    /**
     * Returns the {@code filesystem:} location of the scripts, for {@code spring.flyway.locations}.
     * @return the location
     */
    public String location() {
        return "filesystem:" + this.dir;
    }

    /**
     * Returns a Flyway that migrates the given database with these scripts.
     * @param dataSource the database
     * @return the Flyway
     */
    public Flyway flyway(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(location()).load();
    }
}
