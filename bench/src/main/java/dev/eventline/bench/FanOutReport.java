package dev.eventline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fan-out benchmark's figures as Markdown tables for {@code docs/performance.md}: one row per
 * target and scenario, then our service's ratios to the peers measured in the same run (absolute
 * figures drift on shared machines; ratios within a run do not).
 *
 * <p>Not thread-safe; filled by the benchmark's one thread.
 */
final class FanOutReport {

    private final String ours;
    private final List<FanOutRun.Delivered> delivered = new ArrayList<>();
    private final List<FanOutRun.Storm> storms = new ArrayList<>();
    private final List<FanOutRun.Idle> idles = new ArrayList<>();

    /** A report whose ratios compare the target named {@code ours} with every other. */
    FanOutReport(String ours) {
        this.ours = ours;
    }

    void add(FanOutRun.Delivered row) {
        delivered.add(row);
    }

    void add(FanOutRun.Storm row) {
        storms.add(row);
    }

    void add(FanOutRun.Idle row) {
        idles.add(row);
    }

    /** Every table, line by line. */
    List<String> markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("| server | subscribers x events/s | published/s | deliveries/s | latency p50 / p99 / max |"
                + " server CPU per delivery (of it JIT compiler) | server memory | missing / duplicates |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (FanOutRun.Delivered d : delivered) {
            lines.add(format(
                    "| %s | %,d x %,d | %,.0f%s | %,.0f | %d / %d / %d ms | %.1f µs (%.1f) | %.0f MiB | %d / %d%s |",
                    d.target(),
                    d.subscribers(),
                    d.rate(),
                    d.publishedPerSecond(),
                    // The publisher could not offer the rate: the server answered each publish too slowly.
                    d.publishedPerSecond() < 0.9 * d.rate() ? " (publisher-bound)" : "",
                    d.deliveriesPerSecond(),
                    d.p50(),
                    d.p99(),
                    d.max(),
                    d.cpuMicrosPerDelivery(),
                    d.compilerMicrosPerDelivery(),
                    d.residentBytes() / 1048576.0,
                    d.delivery().missing(),
                    d.delivery().duplicates(),
                    d.drained() ? "" : " (not drained in 60 s)"));
        }
        lines.add("");
        ratios(lines);
        lines.addAll(stormTable());
        lines.add("| idle connections | held | resident memory before -> after | resident per connection |"
                + " live heap per connection |");
        lines.add("|---|---|---|---|---|");
        for (FanOutRun.Idle idle : idles) {
            lines.add(format(
                    "| %s | %,d (%d refused) | %.0f MiB -> %.0f MiB | %s | %s |",
                    idle.target(),
                    idle.connections(),
                    idle.failed(),
                    idle.residentBefore() / 1048576.0,
                    idle.residentAfter() / 1048576.0,
                    // A JVM may hand heap back to the OS while the connections open; RSS then says nothing.
                    idle.bytesPerConnection() < 0
                            ? "n/a (heap shrank)"
                            : format("%.1f KiB", idle.bytesPerConnection() / 1024),
                    idle.heapPerConnection().isPresent()
                            ? format("%.1f KiB", idle.heapPerConnection().getAsLong() / 1024.0)
                            : "n/a (no heap)"));
        }
        lines.add("");
        return lines;
    }

    /** The reconnect storms' table, a blank line after it. */
    List<String> stormTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| reconnect storm | clients x events behind | all caught up after | missing / duplicates |"
                + " reads from Kafka | CPU: server / load generator |");
        lines.add("|---|---|---|---|---|---|");
        for (FanOutRun.Storm storm : storms) {
            lines.add(format(
                    "| %s | %,d x %,d | %s | %d / %d | %s | %.1f s / %.1f s |",
                    storm.target(),
                    storm.clients(),
                    storm.behind(),
                    storm.caughtUp() == null
                            ? "not within 60 s"
                            : storm.caughtUp().toMillis() + " ms",
                    storm.delivery().missing(),
                    storm.delivery().duplicates(),
                    storm.catchUpReads().isPresent()
                            ? Long.toString(storm.catchUpReads().getAsLong())
                            : "n/a",
                    storm.serverCpuSeconds(),
                    storm.loadCpuSeconds()));
        }
        lines.add("");
        return lines;
    }

    private void ratios(List<String> lines) {
        // Without the JIT compiler's share as well: a warm-up cost the benchmark's minutes still see and
        // a long-running server has paid.
        lines.add("| " + ours + " vs | subscribers x events/s | CPU per delivery | CPU per delivery, JIT excluded |"
                + " deliveries/s |");
        lines.add("|---|---|---|---|---|");
        for (FanOutRun.Delivered mine : delivered) {
            if (!mine.target().equals(ours)) {
                continue;
            }
            for (FanOutRun.Delivered peer : delivered) {
                // Our other variants (the framework writer) are not peers.
                boolean sameShape = peer.subscribers() == mine.subscribers() && peer.rate() == mine.rate();
                if (sameShape && !peer.target().startsWith(ours)) {
                    lines.add(format(
                            "| %s | %,d x %,d | %.2fx | %.2fx | %.2fx |",
                            peer.target(),
                            peer.subscribers(),
                            peer.rate(),
                            mine.cpuRatio(peer, false),
                            mine.cpuRatio(peer, true),
                            mine.deliveriesPerSecond() / peer.deliveriesPerSecond()));
                }
            }
        }
        lines.add("");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
