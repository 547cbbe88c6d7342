package dev.eventline.bench;

import dev.eventline.bench.load.ProcessUsage;
import dev.eventline.testkit.sse.Latencies;
import dev.eventline.testkit.sse.SseGroup;
import dev.eventline.testkit.sse.SseLoad;
import dev.eventline.testkit.sse.SubscriberLoad;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out scenarios against one target: subscribers opened through the load generator, events
 * published at a fixed rate, then every subscriber's delivery checked and the server's CPU and memory
 * read. Sequence numbers continue across scenarios so each one's events are told apart.
 *
 * <p>Single-threaded (the load generator has its own threads); one instance per target.
 */
final class FanOutRun implements AutoCloseable {

    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** Load-generator threads: one per core of the machines the figures come from. */
    private static final int LOAD_THREADS = 2;

    private final FanOutTarget target;
    private final SubscriberLoad load;
    private final String name;
    private final ProcessUsage usage;
    private final List<ProcessUsage> more;
    private final ProcessUsage apart;
    private long nextSequence;

    /** Runs with HTTP/1.1 subscribers, one connection each. */
    FanOutRun(FanOutTarget target) throws Exception {
        this(target, new SseLoad("127.0.0.1", target.port(), LOAD_THREADS), target.name(), 0);
    }

    /**
     * Runs with subscribers from {@code load}, named {@code name} in the figures. Two runs against one
     * target (two protocols, say) start their event numbers apart ({@code firstSequence}) so neither
     * run's subscribers mistake the other's events for their own.
     */
    FanOutRun(FanOutTarget target, SubscriberLoad load, String name, long firstSequence) throws Exception {
        this.target = target;
        this.load = load;
        this.name = name;
        this.usage = new ProcessUsage(target.pid());
        this.more = target.morePids().stream().map(ProcessUsage::new).toList();
        this.apart = target.apartPid().isPresent()
                ? new ProcessUsage(target.apartPid().getAsLong())
                : null;
        this.nextSequence = firstSequence;
    }

    /** Whether the target can resume subscribers (the reconnect storm needs it). */
    boolean resumes() {
        return target.resumes();
    }

    /**
     * Figures of one delivery scenario. CPU per delivery is the server's whole process tree (all its
     * instances); {@code compilerMicrosPerDelivery} is the part its JIT compiler threads used (0 unless a
     * JVM); {@code apartMicrosPerDelivery} is a process in front of it (a load balancer), 0 if none.
     */
    record Delivered(
            String target,
            int subscribers,
            int rate,
            double publishedPerSecond,
            double deliveriesPerSecond,
            long p50,
            long p99,
            long max,
            double cpuMicrosPerDelivery,
            double compilerMicrosPerDelivery,
            long residentBytes,
            SseGroup.Delivery delivery,
            boolean drained,
            double apartMicrosPerDelivery) {

        /**
         * This server's CPU per delivery over {@code peer}'s; {@code withoutCompiler} leaves both JIT
         * compilers' shares out (a warm-up cost a long-running server has paid).
         */
        double cpuRatio(Delivered peer, boolean withoutCompiler) {
            double mine = cpuMicrosPerDelivery - (withoutCompiler ? compilerMicrosPerDelivery : 0);
            double theirs = peer.cpuMicrosPerDelivery - (withoutCompiler ? peer.compilerMicrosPerDelivery : 0);
            return mine / theirs;
        }
    }

    /**
     * Delivers rounds of {@code subscribers} x {@code rate} for {@code round} each until a JVM server's
     * JIT compiler spent less than {@code quiet} of a round compiling ({@link JitWatch}) or {@code max}
     * has passed; one round for other servers. Answers what the rounds took, for the progress log.
     */
    String warmUp(int subscribers, int rate, Duration round, Duration max, double quiet) throws Exception {
        if (!(target instanceof JvmTarget)) {
            long started = System.nanoTime();
            deliver(subscribers, rate, round);
            return String.format(
                    "%s warmed up: 1 round, %.0f s (not a JVM)", name, seconds(System.nanoTime() - started));
        }
        JitWatch.Result warm = JitWatch.untilQuiet(target.pid(), max, quiet, () -> deliver(subscribers, rate, round));
        return String.format(
                "%s warmed up: %d rounds, %d s, JIT compiling %.0f%% of the last round",
                name, warm.rounds(), warm.took().toSeconds(), warm.compiling() * 100);
    }

    /** {@code subscribers} subscribers, {@code rate} events/s for {@code duration}. */
    Delivered deliver(int subscribers, int rate, Duration duration) throws Exception {
        try (SseGroup group = load.open(subscribers, i -> target.subscribe(i, null), false, OPEN_TIMEOUT)) {
            if (group.failed() > 0) {
                throw new IllegalStateException(name + ": " + group.failed() + " of " + subscribers
                        + " subscribers could not connect: " + group.failures());
            }
            Thread.sleep(SETTLE.toMillis());
            load.clearLatencies();
            double cpuBefore = serverCpuSeconds();
            double compilerBefore = serverCompilerCpuSeconds();
            double apartBefore = apart == null ? 0 : apart.cpuSeconds();
            long started = System.nanoTime();
            long first = nextSequence;
            long last = publish(rate, duration);
            double published = (last - first + 1) / seconds(System.nanoTime() - started);
            boolean drained = group.awaitLast(last, DRAIN_TIMEOUT) != null;
            double elapsed = seconds(System.nanoTime() - started);
            double cpu = serverCpuSeconds() - cpuBefore;
            double compiler = serverCompilerCpuSeconds() - compilerBefore;
            double apartCpu = apart == null ? 0 : apart.cpuSeconds() - apartBefore;
            Latencies latencies = load.latencies();
            SseGroup.Delivery delivery = group.check(first, last);
            return new Delivered(
                    name,
                    subscribers,
                    rate,
                    published,
                    delivery.received() / elapsed,
                    latencies.percentile(0.50),
                    latencies.percentile(0.99),
                    latencies.max(),
                    delivery.received() == 0 ? 0 : cpu * 1e6 / delivery.received(),
                    delivery.received() == 0 ? 0 : compiler * 1e6 / delivery.received(),
                    usage.residentBytes(),
                    delivery,
                    drained,
                    delivery.received() == 0 ? 0 : apartCpu * 1e6 / delivery.received());
        }
    }

    /** CPU seconds of the server: its process tree and those of its further instances. */
    private double serverCpuSeconds() {
        return usage.cpuSeconds()
                + more.stream().mapToDouble(ProcessUsage::cpuSeconds).sum();
    }

    private double serverCompilerCpuSeconds() {
        return usage.compilerCpuSeconds()
                + more.stream().mapToDouble(ProcessUsage::compilerCpuSeconds).sum();
    }

    /** Figures of the idle-connection scenario. */
    record Idle(
            String target,
            int connections,
            long residentBefore,
            long residentAfter,
            int failed,
            OptionalLong heapPerConnection) {
        double bytesPerConnection() {
            return (double) (residentAfter - residentBefore) / connections;
        }
    }

    /** Opens {@code connections} idle subscribers and reads the server's resident memory before and after. */
    Idle idle(int connections) throws Exception {
        target.settle();
        long before = usage.residentBytes();
        OptionalLong heapBefore = target.liveHeapBytes();
        try (SseGroup group = load.open(connections, i -> target.subscribe(i, null), false, OPEN_TIMEOUT)) {
            Thread.sleep(5_000);
            target.settle();
            OptionalLong heapAfter = target.liveHeapBytes();
            OptionalLong perConnection = heapBefore.isPresent() && heapAfter.isPresent()
                    ? OptionalLong.of((heapAfter.getAsLong() - heapBefore.getAsLong()) / Math.max(1, group.open()))
                    : OptionalLong.empty();
            return new Idle(name, group.open(), before, usage.residentBytes(), group.failed(), perConnection);
        }
    }

    /** Figures of the reconnect storm. */
    record Storm(
            String target,
            int clients,
            int behind,
            Duration caughtUp,
            SseGroup.Delivery delivery,
            OptionalLong catchUpReads,
            double serverCpuSeconds,
            double loadCpuSeconds) {}

    /**
     * {@code clients} subscribers reconnect at once with the id of an event {@code behind} events ago,
     * as after an outage; answers how long until every one has caught up, and what they received.
     */
    Storm storm(int clients, int behind) throws Exception {
        String resumeId;
        try (SseGroup probe = load.open(1, i -> target.subscribe(i, null), true, OPEN_TIMEOUT)) {
            Thread.sleep(SETTLE.toMillis());
            long marker = publishBurst(1);
            if (probe.awaitLast(marker, DRAIN_TIMEOUT) == null || probe.lastId() == null) {
                throw new IllegalStateException(name + ": the probe never got its event");
            }
            resumeId = probe.lastId();
        }
        long first = nextSequence;
        long last = publishBurst(behind);
        // The clients were away while these were published: let the server take them in first.
        Thread.sleep(SETTLE.toMillis());
        OptionalLong readsBefore = target.catchUpReads();
        double serverBefore = usage.cpuSeconds();
        // The load generator's own CPU: on two shared cores it bounds how fast anyone can catch up.
        double loadBefore = loadCpuSeconds();
        long started = System.nanoTime();
        try (SseGroup group = load.open(clients, i -> target.subscribe(i, resumeId), false, OPEN_TIMEOUT)) {
            Duration waited = group.awaitLast(last, DRAIN_TIMEOUT);
            Duration caughtUp = waited == null ? null : Duration.ofNanos(System.nanoTime() - started);
            double serverCpu = usage.cpuSeconds() - serverBefore;
            double loadCpu = loadCpuSeconds() - loadBefore;
            OptionalLong readsAfter = target.catchUpReads();
            OptionalLong reads = readsBefore.isPresent() && readsAfter.isPresent()
                    ? OptionalLong.of(readsAfter.getAsLong() - readsBefore.getAsLong())
                    : OptionalLong.empty();
            return new Storm(name, clients, behind, caughtUp, group.check(first, last), reads, serverCpu, loadCpu);
        }
    }

    /** One minute (or other period) of a soak. */
    record SoakSample(
            Duration elapsed,
            long residentBytes,
            OptionalLong liveHeapBytes,
            double cpuSeconds,
            long openFiles,
            long p99,
            long missing,
            int open) {}

    /**
     * Holds {@code subscribers} for {@code total} while publishing {@code rate} events/s, and reports a
     * sample every {@code every}: resident memory, live heap after a full collection (the one reading
     * a leak cannot hide from; the collection shows in that period's latency), CPU, open files,
     * latency p99 of the period, events missing so far. Answers the server's open files before the
     * subscribers came and after they left.
     */
    long[] soak(int subscribers, int rate, Duration total, Duration every, java.util.function.Consumer<SoakSample> out)
            throws Exception {
        long filesBefore = usage.openFiles();
        long start = System.nanoTime();
        try (SseGroup group = load.open(subscribers, i -> target.subscribe(i, null), false, OPEN_TIMEOUT)) {
            long first = nextSequence;
            while (System.nanoTime() - start < total.toNanos()) {
                load.clearLatencies();
                long last = publish(rate, every);
                group.awaitLast(last, Duration.ofSeconds(10));
                target.settle();
                out.accept(new SoakSample(
                        Duration.ofNanos(System.nanoTime() - start),
                        usage.residentBytes(),
                        target.liveHeapBytes(),
                        usage.cpuSeconds(),
                        usage.openFiles(),
                        load.latencies().percentile(0.99),
                        group.check(first, last).missing(),
                        group.open()));
            }
        }
        Thread.sleep(SETTLE.toMillis() * 2);
        return new long[] {filesBefore, usage.openFiles()};
    }

    private long publish(int rate, Duration duration) throws Exception {
        long count = Math.max(1, rate * duration.toSeconds());
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            target.publish(nextSequence++);
        }
        target.flush();
        return nextSequence - 1;
    }

    private long publishBurst(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            target.publish(nextSequence++);
        }
        target.flush();
        return nextSequence - 1;
    }

    /** CPU used by this JVM alone (the load generator; not the servers and broker it started). */
    private static double loadCpuSeconds() {
        return seconds(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        load.close();
    }
}
