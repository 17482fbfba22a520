/** Auto-configuration for migration-guard. */
package io.github.migrationguard.autoconfigure;
