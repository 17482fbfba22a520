package io.github.migrationguard.actuate;

import io.github.migrationguard.lint.LintFinding;
import io.github.migrationguard.strategy.MigrationReport;
import java.util.List;

/**
 * The last guarded migration run, as health and the endpoint show it.
 *
 * @param outcome {@code SUCCESS}, {@code NOTHING_PENDING}, {@code FAILED} or {@code RESTORED}
 * @param fromVersion the schema version before the run
 * @param toVersion the schema version after the run
 * @param applied migrations applied
 * @param durationMs how long the run took
 * @param finishedAt when the run ended (ISO-8601)
 * @param lintFindings what lint found, one message each
 * @param restores the restores of the run, in order
 */
public record RunDescriptor(
        String outcome,
        String fromVersion,
        String toVersion,
        int applied,
        long durationMs,
        String finishedAt,
        List<String> lintFindings,
        List<RestoreDescriptor> restores) {

    static RunDescriptor of(MigrationReport report) {
        return new RunDescriptor(
                report.outcome().name(),
                report.fromVersion(),
                report.toVersion(),
                report.applied(),
                report.duration().toMillis(),
                report.finishedAt().toString(),
                report.lintFindings().stream().map(LintFinding::message).toList(),
                report.restores().stream().map(RestoreDescriptor::of).toList());
    }
}
