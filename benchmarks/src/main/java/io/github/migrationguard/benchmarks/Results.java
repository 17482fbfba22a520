package io.github.migrationguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of the result table, printed as they come and written as Markdown at the end.
 */
final class Results {

    private final List<String> rows = new ArrayList<>();

    void section(String title) {
        System.out.println();
        System.out.println("== " + title);
        this.rows.add("| **" + title + "** | | | |");
    }

    /**
     * Records a measured value without a target.
     * @param what what was measured
     * @param value the value, formatted
     */
    void value(String what, String value) {
        add(what, value, "", "");
    }

    /**
     * Records a value against its target.
     * @param what what was measured
     * @param value the value, formatted
     * @param target the target, in words
     * @param met whether the target was met
     */
    void target(String what, String value, String target, boolean met) {
        add(what, value, target, met ? "met" : "MISSED");
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| measurement | value | target | verdict |");
        lines.add("| --- | --- | --- | --- |");
        lines.addAll(this.rows);
        Files.write(file, lines);
        System.out.println();
        System.out.println("Results table written to " + file);
    }

    private void add(String what, String value, String target, String verdict) {
        System.out.printf(
                Locale.ROOT,
                "  %-72s %22s  %-26s %s%n",
                what,
                value,
                target.isEmpty() ? "" : "target " + target,
                verdict);
        this.rows.add("| " + what + " | " + value + " | " + target + " | " + verdict + " |");
    }
}
