/** Putting a snapshot back into the live database. */
@NullMarked
package io.github.migrationguard.restore;

import org.jspecify.annotations.NullMarked;
