/** Health, metrics and endpoint for migration-guard. */
@NullMarked
package io.github.migrationguard.actuate;

import org.jspecify.annotations.NullMarked;
