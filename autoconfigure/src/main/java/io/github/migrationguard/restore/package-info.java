/** Putting a snapshot back into the live database. */
package io.github.migrationguard.restore;
