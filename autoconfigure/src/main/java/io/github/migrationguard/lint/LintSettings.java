package io.github.migrationguard.lint;

/**
 * Plain settings of lint.
 *
 * @param enabled whether to lint pending migrations and check foreign keys after migrating
 * @param failOn whether a finding stops startup
 */
public record LintSettings(boolean enabled, LintFailOn failOn) {

    /**
     * Lint on, findings only logged: the defaults of the properties.
     */
    public static final LintSettings DEFAULTS = new LintSettings(true, LintFailOn.NEVER);

    public LintSettings {
        failOn = (failOn != null) ? failOn : LintFailOn.NEVER;
    }
}
