package io.github.migrationguard.heal;

import org.flywaydb.core.api.output.ValidateOutput;

/**
 * The texts of refused validation problems: per version, what the schema history records, what the file on disk is
 * now, and the ways out.
 */
final class Refusals {

    private static final String NL = System.lineSeparator();

    private Refusals() {}

    /**
     * Describes a changed migration that is neither certified nor proven harmless.
     * @param drift the drift
     * @param unproven why the change is not proven harmless
     * @return the text
     */
    static String unproven(ChecksumDrift drift, String unproven) {
        return "Version " + drift.version() + " changed after it was applied, and the change is not proven harmless ("
                + unproven + ")." + NL + both(drift) + NL + "    Ways out: revert " + drift.script()
                + " to the content that was applied; or, if the migration is idempotent, certify it with "
                + "migration-guard.self-heal.versions=" + drift.version()
                + "; or run a Flyway repair to accept the file as it is now.";
    }

    /**
     * Describes a version whose file is not the migration that was applied under that number.
     * @param drift the drift
     * @return the text
     */
    static String anotherMigration(ChecksumDrift drift) {
        String recorded = drift.recorded().script();
        return "Version " + drift.version() + " now belongs to a different migration (or its file was renamed): the "
                + "schema history records " + recorded + " (\""
                + drift.recorded().description() + "\"), the file on "
                + "disk is " + drift.script() + " (\"" + drift.description() + "\")." + NL
                + both(drift) + NL + "    Ways out: put " + recorded + " back as it was applied and give "
                + drift.script() + " a version number of its own (or rename it back, if it is the same migration); "
                + "certifying version " + drift.version() + " in migration-guard.self-heal.versions does not help "
                + "here, a heal only realigns the checksum; or run a Flyway repair to record " + drift.script()
                + " as version " + drift.version() + " (it will then never run).";
    }

    /**
     * Describes a validation error self-heal does not handle, in Flyway's words.
     * @param output Flyway's validation output
     * @return the text
     */
    static String flyway(ValidateOutput output) {
        String what = (output.version != null && !output.version.isEmpty())
                ? "Version " + output.version
                : "Repeatable migration \"" + output.description + "\"";
        String where = (output.filepath != null && !output.filepath.isEmpty()) ? " (" + output.filepath + ")" : "";
        String error = (output.errorDetails != null) ? output.errorDetails.errorMessage : "invalid";
        return what + where + ": " + error.strip().replace("\n", NL + "    ");
    }

    private static String both(ChecksumDrift drift) {
        return "    recorded in the schema history: " + drift.recorded().script() + " (checksum "
                + drift.appliedChecksum() + ")" + NL + "    file on disk now:               " + drift.script()
                + " (checksum " + drift.localChecksum() + ")";
    }
}
