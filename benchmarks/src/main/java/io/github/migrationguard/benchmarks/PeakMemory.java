package io.github.migrationguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;

/**
 * What a child JVM prints at the end of a small-heap run: the peak heap (sum of the heap pools' peak usage) and the
 * peak resident set size ({@code VmHWM}).
 */
final class PeakMemory {

    private PeakMemory() {}

    static void print() throws Exception {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("PEAK_HEAP_BYTES=" + peakHeap);
        System.out.println("PEAK_RSS_KB=" + vmHighWaterMark());
    }

    /**
     * Formats what {@link #print()} printed.
     * @param values the child's values
     * @return for example {@code heap 13.3 MB, RSS 72.5 MB}
     */
    static String describe(Map<String, String> values) {
        return "heap " + Results.megabytes(Long.parseLong(values.get("PEAK_HEAP_BYTES"))) + ", RSS "
                + Results.megabytes(Long.parseLong(values.get("PEAK_RSS_KB")) * 1024);
    }

    private static long vmHighWaterMark() throws Exception {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
