package dev.eventline.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Listener ports stay out of the range the kernel hands to outgoing connections, and one process is
 * never given the same port twice while its callers have not bound them yet.
 */
class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRange() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(range), "a Linux kernel's port range");
        int ephemeralStart =
                Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        assumeTrue(ephemeralStart > 11_000, "room below the range");
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertTrue(port >= 10_000 && port < ephemeralStart, port + " is below " + ephemeralStart);
        }
    }

    @Test
    void noPortIsHandedOutTwiceBeforeItIsBound() {
        // 2,000 picks from about 22,000 ports: by chance alone some 90 pairs would repeat.
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            int port = FreePorts.next();
            assertTrue(ports.add(port), "port " + port + " handed out twice");
        }
    }
}
