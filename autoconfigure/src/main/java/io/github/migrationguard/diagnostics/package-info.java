/** Failure analyzers that turn migration-guard's startup failures into a Description and an Action. */
@NullMarked
package io.github.migrationguard.diagnostics;

import org.jspecify.annotations.NullMarked;
