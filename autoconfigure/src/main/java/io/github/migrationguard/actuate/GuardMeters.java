package io.github.migrationguard.actuate;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The two shapes both binders register: a timer read from a count and a total of nanoseconds kept elsewhere (the
 * guard's state, the off-machine copies), and a gauge of bytes.
 */
final class GuardMeters {

    private GuardMeters() {}

    static <T> FunctionTimer.Builder<T> timer(
            String name, T source, ToLongFunction<T> count, ToDoubleFunction<T> totalNanos) {
        return FunctionTimer.builder(name, source, count, totalNanos, TimeUnit.NANOSECONDS);
    }

    static <T> Gauge.Builder<T> bytes(String name, T source, ToDoubleFunction<T> bytes) {
        return Gauge.builder(name, source, bytes).baseUnit(BaseUnits.BYTES);
    }
}
