package io.github.migrationguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LowPriorityTests {

    private static final Path THREAD_STAT = Path.of("/proc/thread-self/stat");

    @Test
    void runsTheWorkOnAThreadOfItsOwnAtNiceTenAndLeavesTheCallerAlone() {
        assumeTrue(Files.exists(THREAD_STAT), "Skipped: thread priorities are lowered on Linux only");
        int callerBefore = niceOfThisThread();
        int workNice = LowPriority.call("low-priority-test", LowPriorityTests::niceOfThisThread);
        assertThat(workNice).isGreaterThanOrEqualTo(LowPriority.NICE);
        assertThat(niceOfThisThread()).isEqualTo(callerBefore);
    }

    @Test
    void passesOnWhatTheWorkThrows() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LowPriority.call("low-priority-test", () -> {
                    throw new IllegalStateException("copy failed");
                }))
                .withMessage("copy failed");
    }

    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(THREAD_STAT);
            // Fields after the command name in parentheses: state is field 3, nice field 19
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
