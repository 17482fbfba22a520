package io.github.migrationguard.sample;

/**
 * A book lent to a member.
 *
 * @param id the id
 * @param bookId the book
 * @param memberId the member
 * @param borrowedAt when it was borrowed (UTC, ISO-8601)
 * @param returnedAt when it came back, or {@code null} while it is out
 */
public record Loan(Long id, long bookId, long memberId, String borrowedAt, String returnedAt) {}
