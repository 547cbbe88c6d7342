package dev.eventline.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * How busy a benchmarked JVM's JIT compiler is: the share of wall-clock time it spent compiling since
 * a start, and warm-ups that run until it is quiet. On the project's two cores a service's compiler
 * alone took half a core or more for its first minute and a half, and a measurement taken then counts
 * the compiler's CPU and pauses as the service's.
 *
 * <p>Blocking: every reading runs {@code jcmd}. Not thread-safe.
 */
final class JitWatch {

    /** A JVM compiling less than this share of the wall-clock time counts as warmed up. */
    static final double QUIET = 0.05;

    private final long pid;
    private long compiled;
    private long started;

    private JitWatch(long pid) throws IOException, InterruptedException {
        this.pid = pid;
        restart();
    }

    /** What a warm-up took: rounds run, time, and the share of its last round spent compiling. */
    record Result(int rounds, Duration took, double compiling) {}

    /** Work done once per round; may block. */
    interface Round {
        void run() throws Exception;
    }

    /** Starts watching JVM {@code pid}'s compiler: {@link #share()} reads the time since. */
    static JitWatch start(long pid) throws IOException, InterruptedException {
        return new JitWatch(pid);
    }

    /** Runs rounds until one compiled less than {@link #QUIET} of its time, or {@code max} passed. */
    static Result untilQuiet(long pid, Duration max, Round round) throws Exception {
        return untilQuiet(pid, max, QUIET, round);
    }

    /** Runs rounds until one compiled less than {@code quiet} of its time, or {@code max} passed. */
    static Result untilQuiet(long pid, Duration max, double quiet, Round round) throws Exception {
        JitWatch watch = start(pid);
        long started = System.nanoTime();
        int rounds = 0;
        double compiling;
        do {
            watch.restart();
            round.run();
            rounds++;
            compiling = watch.share();
        } while (compiling >= quiet && System.nanoTime() - started < max.toNanos());
        return new Result(rounds, Duration.ofNanos(System.nanoTime() - started), compiling);
    }

    /** The share of wall-clock time the JVM's compilers spent compiling since the watch (re)started. */
    double share() throws IOException, InterruptedException {
        return (Jcmd.compileNanos(pid) - compiled) / (double) (System.nanoTime() - started);
    }

    private void restart() throws IOException, InterruptedException {
        compiled = Jcmd.compileNanos(pid);
        started = System.nanoTime();
    }
}
