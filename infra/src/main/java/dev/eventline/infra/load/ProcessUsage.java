package dev.eventline.infra.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of a server process and its children (nginx's workers), read from
 * {@code /proc} (Linux only).
 *
 * <p>Stateless and thread-safe; every call reads {@code /proc} anew.
 */
public final class ProcessUsage {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    /** Readings for process {@code pid} and its descendants. */
    public ProcessUsage(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU seconds used so far by the process tree. */
    public double cpuSeconds() {
        double ticks = 0;
        for (long p : tree()) {
            String[] fields = statFields(p);
            if (fields != null) {
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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

    /** Fields of {@code /proc/<pid>/stat} after the command name (which may contain spaces). */
    private static String[] statFields(long p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }
}
