package io.github.migrationguard.lint;

import java.util.List;

/**
 * Thrown when lint findings stop startup ({@code migration-guard.lint.fail-on=warning}).
 */
public class LintException extends RuntimeException {

    private final List<LintFinding> findings;

    public LintException(String message, List<LintFinding> findings) {
        super(message);
        this.findings = List.copyOf(findings);
    }

    public List<LintFinding> getFindings() {
        return this.findings;
    }
}
