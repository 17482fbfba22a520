/** Healing checksum drift of applied migrations that is proven harmless or certified idempotent. */
@NullMarked
package io.github.migrationguard.heal;

import org.jspecify.annotations.NullMarked;
