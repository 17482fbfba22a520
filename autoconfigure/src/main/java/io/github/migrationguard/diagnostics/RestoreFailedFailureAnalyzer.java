package io.github.migrationguard.diagnostics;

import io.github.migrationguard.strategy.RestoreFailedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a boot stopped because a restore did not bring the database back: a {@code restore.from} request, or the
 * restore after a failed migration.
 */
class RestoreFailedFailureAnalyzer extends AbstractFailureAnalyzer<RestoreFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RestoreFailedException cause) {
        String action = "Stop the application and restore the snapshot named above by hand (docs/operations.md, "
                + "\"Restoring by hand\"), or remove migration-guard.restore.from when that request cannot be carried "
                + "out. The snapshot files are kept.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
