package dev.eventline.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free loopback ports for listeners. Racy by nature: a port is free when asked, not guaranteed
 * later.
 *
 * <p>Ports come from below the kernel's ephemeral range ({@code ip_local_port_range}, 32768 and up by
 * default), at random: a port the kernel handed out for {@code bind(0)} is one it may give next to an
 * outgoing connection, and the nodes of a cluster connect to each other while their peers are still
 * binding the ports picked for them (a broker then failed with "Address already in use").
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final int ATTEMPTS = 200;

    /**
     * Ports this process handed out: a caller binds its port some time after asking (a cluster picks
     * a dozen before its first node starts), and a second caller meanwhile must not get the same one.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /**
     * Returns a port that was free on 127.0.0.1 at the time of the call, outside the ephemeral range,
     * and never one this process was given before.
     */
    public static int next() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < ATTEMPTS && below > LOWEST; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(candidate) && isFree(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            // Line by line: Files.readString stops after the first byte of a /proc file (its size reads 0).
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    /** Returns {@code preferred} when it is free on 127.0.0.1, otherwise any free port. */
    public static int preferred(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return preferred;
        } catch (IOException e) {
            return next();
        }
    }
}
