package io.github.migrationguard.diagnostics;

import io.github.migrationguard.strategy.SnapshotAbortedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a boot stopped because the pre-migrate snapshot failed with
 * {@code migration-guard.snapshot.on-failure=abort}.
 */
class SnapshotAbortedFailureAnalyzer extends AbstractFailureAnalyzer<SnapshotAbortedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SnapshotAbortedException cause) {
        String action = "Check the free space and permissions of the backup directory (migration-guard.snapshot.dir, "
                + "backups/ beside the database by default) and restart; or set "
                + "migration-guard.snapshot.on-failure=continue to migrate without a snapshot.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
