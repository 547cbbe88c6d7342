package dev.eventline.bench;

import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.LoadBalancer;
import dev.eventline.infra.token.DevTokens;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Two stream-service instances on one broker behind HAProxy ({@link LoadBalancer}, least connections):
 * subscribers connect to the load balancer, which spreads them over the instances. Its CPU is both
 * instances' ({@link #pid()}, {@link #morePids()}); HAProxy's is read apart ({@link #apartPid()}). A JVM
 * target through its first instance: a warm-up through the load balancer warms both alike, and ends
 * when the first one's JIT compiler is quiet.
 */
final class ScaledTarget implements JvmTarget {

    private final EventlineTarget first;
    private final EventlineTarget second;
    private final LoadBalancer loadBalancer;
    private final int port;

    /** Starts both instances (sharing one token secret) and HAProxy in front of them. */
    ScaledTarget(BenchBroker broker) throws IOException {
        String secret = DevTokens.randomSecret();
        first = new EventlineTarget("instance-1", broker.repo(), broker, Map.of(), secret);
        second = new EventlineTarget("instance-2", broker.repo(), broker, Map.of(), secret);
        loadBalancer = LoadBalancer.create(broker.work().resolve("haproxy"), FreePorts.next(), FreePorts.next());
        loadBalancer.start(List.of(), List.of(first.url(), second.url()));
        port = Integer.parseInt(loadBalancer.streamUrl().replaceFirst(".*:", ""));
    }

    @Override
    public List<Long> morePids() {
        return List.of(second.pid());
    }

    @Override
    public OptionalLong apartPid() {
        return OptionalLong.of(loadBalancer.pid().orElseThrow());
    }

    @Override
    public String name() {
        return "Eventline x2 behind HAProxy";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return first.pid();
    }

    @Override
    public String subscribe(int index, String lastEventId) {
        return first.subscribe(index, lastEventId);
    }

    @Override
    public void publish(long sequence) {
        first.publish(sequence);
    }

    @Override
    public void flush() {
        first.flush();
    }

    @Override
    public void close() {
        loadBalancer.close();
        first.close();
        second.close();
    }
}
