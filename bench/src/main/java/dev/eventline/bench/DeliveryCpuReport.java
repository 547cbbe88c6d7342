package dev.eventline.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of {@link DeliveryCpuBenchmark}: each cycle's rounds with their CPU per delivery and
 * ratio to the cycle's first server (the peer), then each other server's median ratio over the
 * cycles. Each round shows its missing and duplicate events beside its CPU figure: a round that lost
 * any is no result, whatever its CPU.
 */
final class DeliveryCpuReport {

    private DeliveryCpuReport() {}

    /** {@code cycles}: per cycle, the peer's round first, then the others' in a fixed order. */
    static List<String> markdown(List<List<FanOutRun.Delivered>> cycles) {
        List<String> lines = new ArrayList<>();
        lines.add("| cycle | server | CPU per delivery (of it JIT) | vs the peer | vs the peer, JIT excluded |"
                + " latency p50 / p99 | missing / duplicates |");
        lines.add("|---|---|---|---|---|---|---|");
        Map<String, List<double[]>> ratios = new LinkedHashMap<>();
        for (int c = 0; c < cycles.size(); c++) {
            FanOutRun.Delivered peer = cycles.get(c).get(0);
            for (FanOutRun.Delivered round : cycles.get(c)) {
                double[] ratio = {round.cpuRatio(peer, false), round.cpuRatio(peer, true)};
                if (round != peer) {
                    ratios.computeIfAbsent(round.target(), t -> new ArrayList<>())
                            .add(ratio);
                }
                lines.add(String.format(
                        Locale.ROOT,
                        "| %d | %s | %.2f µs (%.2f) | %.2fx | %.2fx | %d / %d ms | %d / %d |",
                        c + 1,
                        round.target(),
                        round.cpuMicrosPerDelivery(),
                        round.compilerMicrosPerDelivery(),
                        ratio[0],
                        ratio[1],
                        round.p50(),
                        round.p99(),
                        round.delivery().missing(),
                        round.delivery().duplicates()));
            }
        }
        lines.add("");
        lines.add("| server | median vs the peer | range | median, JIT excluded |");
        lines.add("|---|---|---|---|");
        ratios.forEach((target, list) -> {
            double[] all = list.stream().mapToDouble(r -> r[0]).sorted().toArray();
            double[] noJit = list.stream().mapToDouble(r -> r[1]).toArray();
            lines.add(String.format(
                    Locale.ROOT,
                    "| %s | %.2fx | %.2f-%.2fx | %.2fx |",
                    target,
                    median(all),
                    all[0],
                    all[all.length - 1],
                    median(noJit)));
        });
        lines.add("");
        return lines;
    }

    /** The median of {@code figures} (any order; not changed). */
    static double median(double[] figures) {
        double[] values = figures.clone();
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
