package io.github.migrationguard.snapshot;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Keeps background work (a live snapshot's copy and verification) to about half of the time: after a stretch of work
 * it rests as long as the stretch took, leaving the disk and a CPU to the application in between. An interrupt (the
 * application stopping) ends the rests, so the work finishes at full speed; the interrupt is kept for the caller.
 */
final class HalfTime {

    private final LongConsumer rest;

    private long workStartNanos = System.nanoTime();

    private boolean interrupted;

    HalfTime() {
        this(LockSupport::parkNanos);
    }

    /**
     * Creates the pace with what a rest does.
     * @param rest rests for the given nanoseconds
     */
    HalfTime(LongConsumer rest) {
        this.rest = rest;
    }

    /**
     * Rests as long as the work since the last rest took.
     */
    void rest() {
        long worked = System.nanoTime() - this.workStartNanos;
        if (this.interrupted || Thread.interrupted()) {
            this.interrupted = true;
        } else {
            this.rest.accept(worked);
        }
        this.workStartNanos = System.nanoTime();
    }

    /**
     * Rests as {@link #rest()}, once the work since the last rest has lasted at least the given time: for work that
     * reports its progress too often to rest at each report.
     * @param nanos the least work worth a rest
     */
    void restAfter(long nanos) {
        if (System.nanoTime() - this.workStartNanos >= nanos) {
            rest();
        }
    }

    /**
     * Hands back to the thread an interrupt that arrived during the work and ended its rests.
     */
    void passOnInterrupt() {
        if (this.interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
