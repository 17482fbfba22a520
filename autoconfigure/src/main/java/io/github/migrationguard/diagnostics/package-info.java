/** Failure analyzers that turn migration-guard's startup failures into a Description and an Action. */
package io.github.migrationguard.diagnostics;
