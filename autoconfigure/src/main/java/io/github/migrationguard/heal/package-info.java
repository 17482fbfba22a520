/** Healing checksum drift of applied migrations that is proven harmless or certified idempotent. */
package io.github.migrationguard.heal;
