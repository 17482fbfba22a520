package io.github.migrationguard.diagnostics;

import io.github.migrationguard.lint.LintException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a boot stopped by migration lint findings with {@code migration-guard.lint.fail-on=warning}.
 */
class LintFailureAnalyzer extends AbstractFailureAnalyzer<LintException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LintException cause) {
        String findings = cause.getFindings().stream()
                .map((finding) -> "    - " + finding.message())
                .collect(Collectors.joining(System.lineSeparator()));
        String description = cause.getMessage() + System.lineSeparator() + findings;
        String action = "Fix each migration as its finding says, or set migration-guard.lint.fail-on=never to log "
                + "findings without stopping startup.";
        return new FailureAnalysis(description, action, cause);
    }
}
