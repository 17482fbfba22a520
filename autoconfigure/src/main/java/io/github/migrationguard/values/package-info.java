/** How enum constants are written where people read them: properties, metric tags, JSON and logs. */
@NullMarked
package io.github.migrationguard.values;

import org.jspecify.annotations.NullMarked;
