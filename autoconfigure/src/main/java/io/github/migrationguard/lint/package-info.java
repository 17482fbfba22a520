/** Pre-flight checks of pending SQLite migrations. */
@NullMarked
package io.github.migrationguard.lint;

import org.jspecify.annotations.NullMarked;
