package io.github.migrationguard.diagnostics;

import io.github.migrationguard.heal.ChecksumDriftException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a boot stopped by Flyway validation problems that self-heal refused: nothing was written.
 */
class RefusedDriftFailureAnalyzer extends AbstractFailureAnalyzer<ChecksumDriftException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ChecksumDriftException cause) {
        String description = "migration-guard stopped startup before anything was written (no heal, no snapshot, no "
                + "migration): Flyway validation found problems that self-heal will not clear."
                + System.lineSeparator() + String.join(System.lineSeparator(), cause.problems());
        String action = "For each version above, either revert the file to the content that was applied; or, if the "
                + "migration is idempotent, certify it in migration-guard.self-heal.versions; or run a Flyway repair "
                + "to accept the files as they are now. See docs/self-heal.md, \"When drift is refused\".";
        return new FailureAnalysis(description, action, cause);
    }
}
