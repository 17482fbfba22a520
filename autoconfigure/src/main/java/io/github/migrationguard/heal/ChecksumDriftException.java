package io.github.migrationguard.heal;

import java.util.List;

/**
 * Thrown when Flyway's validation finds a problem that self-heal will not clear: a changed applied migration that is
 * neither certified nor proven harmless, a version that now belongs to another migration, or any other validation
 * error (missing or failed migration...). Nothing was written; {@link #problems()} lists every problem, each with the
 * way out.
 */
public class ChecksumDriftException extends RuntimeException {

    private final List<String> problems;

    /**
     * Creates the exception for the problems a plan found.
     * @param problems one text per problem, naming the version, what the schema history and the file hold, and the
     * ways out
     */
    public ChecksumDriftException(List<String> problems) {
        super(headline(problems.size()) + System.lineSeparator() + String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public ChecksumDriftException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /**
     * Returns the problems, one text each.
     * @return the problems
     */
    public List<String> problems() {
        return this.problems;
    }

    private static String headline(int count) {
        return "Flyway validation found " + count + ((count == 1) ? " problem" : " problems")
                + " that migration-guard will not heal. Nothing was written: no heal, no snapshot, no migration ran; "
                + "the schema history and the database are exactly as they were.";
    }
}
