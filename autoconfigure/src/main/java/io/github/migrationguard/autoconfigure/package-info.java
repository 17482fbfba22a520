/** Auto-configuration for migration-guard. */
@NullMarked
package io.github.migrationguard.autoconfigure;

import org.jspecify.annotations.NullMarked;
