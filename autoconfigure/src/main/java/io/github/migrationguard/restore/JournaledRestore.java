package io.github.migrationguard.restore;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Restores a snapshot with its intent recorded first: the file {@value #FILE} in the snapshot's directory names the
 * snapshot, the live database and the snapshot's SHA-256 from before the live database is touched until the restore
 * is proven complete. A restore that changed nothing (the write lock could not be had) clears it too; any other
 * failure leaves it, and the next start completes the restore before anything else.
 */
final class JournaledRestore {

    static final String FILE = ".restore-in-progress.properties";

    private final SnapshotRestorer restorer;

    private final Clock clock;

    JournaledRestore(SnapshotRestorer restorer, Clock clock) {
        this.restorer = restorer;
        this.clock = clock;
    }

    void restore(Connection live, Path target, Path snapshot, RestoreTrigger trigger) {
        GuardFile journal = journal(snapshot.getParent());
        RestoreIntent intent =
                new RestoreIntent(snapshot, target, FileDigest.sha256(snapshot), trigger, Instant.now(this.clock));
        journal.write(intent.toProperties());
        complete(live, intent, journal);
    }

    void complete(Connection live, RestoreIntent intent, GuardFile journal) {
        try {
            this.restorer.restoreInto(live, intent.snapshot());
        } catch (RestoreNotStartedException ex) {
            journal.delete();
            throw ex;
        }
        journal.delete();
    }

    static GuardFile journal(Path dir) {
        return new GuardFile(dir, FILE);
    }

    static Optional<RestoreIntent> pending(Path dir) {
        return journal(dir).read().map(RestoreIntent::of);
    }
}
