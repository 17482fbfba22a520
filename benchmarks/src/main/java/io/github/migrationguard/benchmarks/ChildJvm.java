package io.github.migrationguard.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class in a new JVM with this JVM's class path and collects the {@code KEY=value} lines it prints.
 */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * Runs a child JVM to completion.
     * @param jvmOptions options such as {@code -Xmx64m}
     * @param mainClass the class to run
     * @param args its arguments
     * @return the {@code KEY=value} lines it printed, and {@code WALL_SECONDS}
     * @throws Exception when it cannot start or exits with an error
     */
    static Map<String, String> run(List<String> jvmOptions, Class<?> mainClass, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, String> values = new HashMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                int equals = line.indexOf('=');
                if (equals > 0 && line.substring(0, equals).matches("[A-Z_]+")) {
                    values.put(
                            line.substring(0, equals),
                            line.substring(equals + 1).trim());
                }
            }
        }
        int exit = process.waitFor();
        values.put("WALL_SECONDS", Double.toString((System.nanoTime() - start) / 1e9));
        if (exit != 0) {
            output.forEach(System.out::println);
            throw new IllegalStateException(mainClass.getSimpleName() + " exited with " + exit);
        }
        return values;
    }
}
