/** A tiny Spring Boot application with the starter, started in child JVMs to time startup. */
package io.github.migrationguard.benchmarks.startup;
