package io.github.migrationguard.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A UTC clock that holds whoever reads it until released: a snapshot reads it to name its file, with its database's
 * snapshot lock held, so a test can keep a snapshot running for as long as it needs.
 */
public class HeldClock extends Clock {

    public final CountDownLatch entered = new CountDownLatch(1);

    public final CountDownLatch release = new CountDownLatch(1);

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        this.entered.countDown();
        try {
            this.release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return Instant.now();
    }
}
