/** Consistent, verified SQLite snapshots and their retention. */
@NullMarked
package io.github.migrationguard.snapshot;

import org.jspecify.annotations.NullMarked;
