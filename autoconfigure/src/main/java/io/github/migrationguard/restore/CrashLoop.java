package io.github.migrationguard.restore;

import io.github.migrationguard.snapshot.Snapshot;
import java.time.Instant;

/**
 * Boots that failed in a row, each restoring the database from the same verified snapshot: the snapshot taken before
 * the first of them, reused since instead of copied again.
 *
 * @param failedBoots how many boots in a row failed and restored the database
 * @param snapshot the snapshot they restored, the one the next boot reuses while the database is unchanged
 * @param since when the first of them failed
 */
public record CrashLoop(int failedBoots, Snapshot snapshot, Instant since) {}
