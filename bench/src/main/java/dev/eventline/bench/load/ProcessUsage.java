package dev.eventline.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CPU time and resident memory of a server process and its children (nginx's workers), read from
 * {@code /proc} (Linux only).
 *
 * <p>Stateless and thread-safe; every call reads {@code /proc} anew.
 */
public final class ProcessUsage {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

    private final long pid;

    /** Readings for process {@code pid} and its descendants. */
    public ProcessUsage(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU seconds used so far by the process tree. */
    public double cpuSeconds() {
        double ticks = 0;
        for (long p : tree()) {
            Stat stat = Stat.read(Path.of("/proc", Long.toString(p), "stat"));
            ticks += stat == null ? 0 : stat.cpuTicks();
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds the process's JIT compiler threads used so far (0 for a process that is not a JVM):
     * part of {@link #cpuSeconds()}, a warm-up cost that a long-running server has long paid.
     * HotSpot's compiler threads are named {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>}
     * ({@code /proc} keeps the first 15 characters); a compiler thread that exits takes its CPU out of
     * later readings, which HotSpot does only above one thread per compiler (not on two cores).
     */
    public double compilerCpuSeconds() {
        List<Path> threads;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            threads = tasks.toList();
        } catch (IOException e) {
            return 0; // the process has ended
        }
        double ticks = 0;
        for (Path thread : threads) {
            Stat stat = Stat.read(thread.resolve("stat"));
            if (stat != null && COMPILER_THREAD.matcher(stat.name()).matches()) {
                ticks += stat.cpuTicks();
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Resident memory of the process tree, in bytes. */
    public long residentBytes() {
        long total = 0;
        for (long p : tree()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                // The process ended between listing and reading: it uses nothing any more.
            }
        }
        return total;
    }

    /** Open file descriptors (sockets included) of the process itself; -1 when unreadable. */
    public long openFiles() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private List<Long> tree() {
        List<Long> all = new ArrayList<>();
        all.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.add(d.pid())));
        return all;
    }

    /** What this class reads of a process's or thread's {@code stat}: its name and user plus system ticks. */
    private record Stat(String name, long cpuTicks) {

        /** Reads {@code file}; null when the process or thread has ended. */
        static Stat read(Path file) {
            String stat;
            try {
                stat = Files.readString(file);
            } catch (IOException e) {
                return null;
            }
            // The name sits in parentheses and may itself contain spaces and parentheses.
            int nameEnd = stat.lastIndexOf(')');
            String[] fields = stat.substring(nameEnd + 2).split(" ");
            return new Stat(
                    stat.substring(stat.indexOf('(') + 1, nameEnd),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
    }
}
