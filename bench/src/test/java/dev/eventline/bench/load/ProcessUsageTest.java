package dev.eventline.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessUsageTest {

    @Test
    void countsTheJitCompilerThreadsOfAJvmAsPartOfItsCpu() {
        // This test's own JVM: starting JUnit alone has the compilers busy for far more than a tick.
        ProcessUsage usage = new ProcessUsage(ProcessHandle.current().pid());

        double compiler = usage.compilerCpuSeconds();
        double total = usage.cpuSeconds();

        assertTrue(compiler > 0, "compiler CPU " + compiler);
        assertTrue(compiler < total, "compiler " + compiler + " s of " + total + " s");
    }

    @Test
    void findsNoCompilerInAProcessThatIsNotAJvm() throws Exception {
        Process busy =
                new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 5").start();
        try {
            ProcessUsage usage = new ProcessUsage(busy.pid());
            Thread.sleep(300);

            assertEquals(0.0, usage.compilerCpuSeconds());
        } finally {
            busy.destroy();
            busy.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsNothingOnceTheProcessHasEnded() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(5, TimeUnit.SECONDS);

        assertEquals(0.0, new ProcessUsage(ended.pid()).compilerCpuSeconds());
    }
}
