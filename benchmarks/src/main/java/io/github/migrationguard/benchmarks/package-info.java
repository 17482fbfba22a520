/** Benchmarks of snapshot speed, verification cost, writer impact, startup overhead and memory (docs/benchmarks.md). */
package io.github.migrationguard.benchmarks;
