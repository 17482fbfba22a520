package io.github.migrationguard.lint;

/**
 * Whether lint findings stop startup.
 */
public enum LintFailOn {

    /**
     * Findings are logged, startup goes on.
     */
    NEVER,

    /**
     * Any finding stops startup.
     */
    WARNING
}
