package io.github.migrationguard.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Internal: runs work that competes with the application for CPU (reading and verifying every page of a live snapshot)
 * on a thread of its own at a lower CPU priority ({@code nice} {@value #NICE}), so that the application's threads get
 * the CPU first when both want it and the snapshot only takes longer. On Linux the nice value belongs to one thread,
 * and a process without privileges can lower a thread's priority but never raise it back: hence a fresh thread each
 * time, never the caller's (a scheduler or request thread). Elsewhere, or when {@code renice} cannot be run, the work
 * runs at normal priority.
 */
public final class LowPriority {

    private static final Log logger = LogFactory.getLog(LowPriority.class);

    /** The nice value of the thread; 10 is what {@code nice} uses by default. */
    static final int NICE = 10;

    private static final long RENICE_TIMEOUT_SECONDS = 5;

    private LowPriority() {}

    /**
     * Runs the work on a new thread at low priority and waits for it. An interrupt of the caller is passed on to the
     * work, whose end is still awaited, so the work settles as it would on the caller's thread.
     * @param name the thread's name
     * @param work the work
     * @param <T> what it returns
     * @return what the work returned
     */
    public static <T> T call(String name, Supplier<T> work) {
        Outcome<T> outcome = new Outcome<>();
        Thread thread = new Thread(
                () -> {
                    lowerCurrentThread();
                    try {
                        outcome.value = work.get();
                    } catch (Throwable ex) {
                        outcome.failure = ex;
                    }
                },
                name);
        // Like the scheduler's own threads: a JVM that exits does not wait for a copy in progress
        thread.setDaemon(true);
        thread.start();
        joinPassingOnInterrupts(thread);
        if (outcome.failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (outcome.failure instanceof Error error) {
            throw error;
        }
        if (outcome.failure != null) {
            throw new IllegalStateException(outcome.failure);
        }
        return outcome.value;
    }

    private static void joinPassingOnInterrupts(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException ex) {
                interrupted = true;
                thread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void lowerCurrentThread() {
        String failure = renice(threadId());
        if (failure != null) {
            logger.debug("Snapshot work runs at normal CPU priority: " + failure);
        }
    }

    private static String threadId() {
        try {
            // "/proc/<pid>/task/<tid>": the kernel's id of this thread, which renice takes on Linux
            return Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName()
                    .toString();
        } catch (IOException | UnsupportedOperationException ex) {
            return null;
        }
    }

    private static String renice(String threadId) {
        if (threadId == null) {
            return "no /proc/thread-self (not Linux)";
        }
        try {
            Process process = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", threadId)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "renice took longer than " + RENICE_TIMEOUT_SECONDS + " s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return (process.exitValue() == 0) ? null : "renice: " + output;
        } catch (IOException ex) {
            return "renice could not be run: " + ex.getMessage();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted while lowering the priority";
        }
    }

    private static final class Outcome<T> {

        private T value;

        private Throwable failure;
    }
}
