package io.github.migrationguard.lint;

/**
 * One thing lint found.
 *
 * @param rule the rule that found it
 * @param source the migration script, or the table for a foreign key violation
 * @param line the line in the script, or 0 when the finding is not in a script
 * @param detail the statement or rows concerned
 */
public record LintFinding(LintRule rule, String source, int line, String detail) {

    /**
     * Returns the finding as an operator reads it: where, what is wrong, and the fix.
     * @return the message
     */
    public String message() {
        String where = (this.line > 0) ? this.source + ":" + this.line : this.source;
        return where + ": " + this.rule.problem() + " [" + this.detail + "]; fix: " + this.rule.fix();
    }
}
