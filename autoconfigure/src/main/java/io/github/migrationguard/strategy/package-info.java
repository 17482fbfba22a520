/** The Flyway migration strategy that runs the engine in order. */
@NullMarked
package io.github.migrationguard.strategy;

import org.jspecify.annotations.NullMarked;
