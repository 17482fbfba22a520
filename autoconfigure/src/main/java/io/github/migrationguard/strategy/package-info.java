/** The Flyway migration strategy that runs the engine in order. */
package io.github.migrationguard.strategy;
