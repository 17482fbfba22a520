/** Pre-flight checks of pending SQLite migrations. */
package io.github.migrationguard.lint;
