/** Health, metrics and endpoint for migration-guard. */
package io.github.migrationguard.actuate;
