package io.github.migrationguard.sample;

/**
 * A library member.
 *
 * @param id the id
 * @param name the name
 * @param email the e-mail address, unique
 */
public record Member(Long id, String name, String email) {}
