package dev.eventline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's {@code jcmd} against a benchmarked JVM: full collections, heap and JIT readings. Blocking. */
final class Jcmd {

    private static final Pattern COMPILE_TIME = Pattern.compile("java\\.ci\\.totalTime=(\\d+)");
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private Jcmd() {}

    /** Runs {@code command} in JVM {@code pid}; answers what jcmd printed. */
    static String run(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** Nanoseconds the JVM's JIT compilers have spent compiling so far (its {@code java.ci.totalTime}). */
    static long compileNanos(long pid) throws IOException, InterruptedException {
        Matcher total = COMPILE_TIME.matcher(run(pid, "PerfCounter.print"));
        if (!total.find()) {
            throw new IOException("no java.ci.totalTime counter in JVM " + pid);
        }
        // The counter is in high-resolution ticks, which are nanoseconds on Linux (sun.os.hrt.frequency).
        return Long.parseLong(total.group(1));
    }

    /** A full collection; G1 then gives unused heap back, as it would over time on its own. */
    static void collect(long pid) throws IOException, InterruptedException {
        run(pid, "GC.run");
    }

    /** The heap's used bytes: what live objects hold when read right after {@link #collect}. */
    static OptionalLong liveHeapBytes(long pid) throws IOException, InterruptedException {
        Matcher used = USED.matcher(run(pid, "GC.heap_info"));
        return used.find() ? OptionalLong.of(Long.parseLong(used.group(1)) * 1024) : OptionalLong.empty();
    }
}
