package io.github.migrationguard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Wall-clock timing and medians.
 */
final class Timing {

    private Timing() {}

    /**
     * Times one run of an action.
     * @param action the action
     * @return seconds taken
     * @throws Exception what the action threw
     */
    static double seconds(Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Runs a measurement several times and returns the median.
     * @param runs how many times
     * @param measurement returns the seconds of one run (so that set-up and clean-up are not timed)
     * @return the median in seconds
     * @throws Exception what the measurement threw
     */
    static double median(int runs, Measurement measurement) throws Exception {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(measurement.seconds());
        }
        return median(values);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Something to time. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** One timed run. */
    @FunctionalInterface
    interface Measurement {
        double seconds() throws Exception;
    }
}
