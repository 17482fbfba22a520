/** Consistent, verified SQLite snapshots and their retention. */
package io.github.migrationguard.snapshot;
