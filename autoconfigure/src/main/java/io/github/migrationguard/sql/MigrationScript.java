package io.github.migrationguard.sql;

import org.jspecify.annotations.Nullable;

/**
 * Internal: the SQL file of a migration, as Flyway resolved it.
 *
 * @param name the script name relative to its location, as Flyway reports it ({@code V2__add_tag.sql}, or
 * {@code sub/V2__add_tag.sql} in a sub-directory)
 * @param text the text as written, placeholders unreplaced
 * @param executeInTransaction what the script's own {@code .conf} says about running it in a transaction, or
 * {@code null} when it says nothing
 * @param placeholderReplacement what the script's own {@code .conf} says about replacing placeholders, or {@code null}
 * when it says nothing
 */
public record MigrationScript(
        String name, String text, @Nullable Boolean executeInTransaction, @Nullable Boolean placeholderReplacement) {}
