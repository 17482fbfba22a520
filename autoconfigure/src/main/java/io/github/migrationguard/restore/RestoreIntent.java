package io.github.migrationguard.restore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * A restore about to begin, recorded durably before the live database is touched, so that one cut short by a crash or
 * {@code kill -9} can be completed from the same, unchanged snapshot at the next start.
 *
 * @param snapshot the snapshot being restored
 * @param target the live database file
 * @param sha256 the snapshot's SHA-256 when the restore began
 * @param trigger what started the restore
 * @param startedAt when it began
 */
record RestoreIntent(Path snapshot, Path target, String sha256, RestoreTrigger trigger, Instant startedAt) {

    Properties toProperties() {
        Properties properties = new Properties();
        properties.setProperty("snapshot", this.snapshot.toString());
        properties.setProperty("target", this.target.toString());
        properties.setProperty("sha256", this.sha256);
        properties.setProperty("trigger", this.trigger.name());
        properties.setProperty("started-at", this.startedAt.toString());
        return properties;
    }

    static RestoreIntent of(Properties properties) {
        return new RestoreIntent(
                Path.of(properties.getProperty("snapshot")),
                Path.of(properties.getProperty("target")),
                properties.getProperty("sha256"),
                RestoreTrigger.valueOf(properties.getProperty("trigger")),
                Instant.parse(properties.getProperty("started-at")));
    }
}
