/** Reading SQL scripts the way the database does: tokens, dialects and the statements to run one by one. */
@NullMarked
package io.github.migrationguard.sql;

import org.jspecify.annotations.NullMarked;
