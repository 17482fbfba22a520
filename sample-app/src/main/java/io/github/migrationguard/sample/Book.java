package io.github.migrationguard.sample;

/**
 * A book in the catalogue.
 *
 * @param id the id
 * @param title the title
 * @param authorId the author's id
 * @param isbn the ISBN, when known
 */
public record Book(Long id, String title, long authorId, String isbn) {}
