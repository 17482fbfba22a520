package io.github.migrationguard.remote;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A count and a total duration of copies, read by function timers.
 */
public final class CopyTally {

    private final LongAdder count = new LongAdder();

    private final LongAdder nanos = new LongAdder();

    void add(Duration duration) {
        this.count.increment();
        this.nanos.add(duration.toNanos());
    }

    public long count() {
        return this.count.sum();
    }

    public double totalNanos() {
        return this.nanos.sum();
    }
}
