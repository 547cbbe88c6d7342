package dev.eventline.infra.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of every command line that runs a child JVM (the broker, the services, Kafka's tools, the
 * benchmarks' peers): this process's {@code java}, a heap limit, and the Java heap on transparent huge
 * pages when the kernel offers them on request.
 *
 * <p>Why huge pages: a 2 MiB page needs one page-table entry where 4 KiB pages need 512. That saves
 * TLB misses anywhere, and on the project's VMs it removed the emit latency tail. Their kernel runs
 * a memory monitor (DAMON) that walks the page tables of resident memory every ~0.5 s without giving up
 * its core; with a 2 GiB heap on 4 KiB pages each walk took 7-33 ms, on huge pages 1.4-2.6 ms
 * ({@code bench/NOTEBOOK.md}, "The ~545 ms stalls are the VM's memory monitor").
 *
 * <p>The flag is left out where the kernel has transparent huge pages off or has no such setting (a
 * JVM that does not know the flag would refuse to start). Stateless and thread-safe; reads one small
 * file under {@code /sys} per call.
 */
public final class ChildJvm {

    /** The kernel's transparent-huge-page mode; the one in brackets is in force. */
    static final Path HUGE_PAGE_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    static final String HUGE_PAGE_FLAG = "-XX:+UseTransparentHugePages";

    private ChildJvm() {}

    /**
     * A new, modifiable command: this JDK's {@code java}, {@code -Xmx} of {@code heapMegabytes} and,
     * where the kernel offers them, huge pages for the heap. Callers add the rest.
     */
    public static List<String> command(int heapMegabytes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMegabytes + "m");
        command.addAll(hugePageFlags(HUGE_PAGE_MODE));
        return command;
    }

    /**
     * {@code command} run in a session of its own (util-linux's {@code setsid}, where installed), so
     * that the signals a terminal sends its foreground process group (Ctrl-C) reach only the parent,
     * which then stops its children in the order it chooses. Without {@code setsid} the command as is.
     */
    public static List<String> inOwnSession(List<String> command) {
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                List<String> wrapped = new ArrayList<>(command.size() + 1);
                wrapped.add(setsid);
                wrapped.addAll(command);
                return wrapped;
            }
        }
        return command;
    }

    /** The huge-page flag when {@code mode} names a mode other than {@code never}, else none. */
    static List<String> hugePageFlags(Path mode) {
        try {
            String setting = Files.readString(mode);
            return setting.contains("[") && !setting.contains("[never]") ? List.of(HUGE_PAGE_FLAG) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
