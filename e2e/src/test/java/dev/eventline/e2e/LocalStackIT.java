package dev.eventline.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventline.infra.kafka.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack (infra/bin/run-local's program) as a developer uses it: it starts, says when
 * snapshots are ready, and a Ctrl-C (SIGINT to its whole process group, as a terminal sends it) stops
 * the services before the broker, so no service logs a connection error while it drains.
 */
class LocalStackIT {

    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final List<String> CONNECTION_ERRORS =
            List.of("could not be established", "Connection to node", "Broker may not be available");

    @Test
    void ctrlCStopsTheServicesBeforeTheBroker(@TempDir Path data) throws Exception {
        assumeTrue(Files.isExecutable(SETSID), "needs util-linux's setsid to own a process group");
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path output = data.resolve("stack.out");
        ProcessBuilder builder = new ProcessBuilder(
                        SETSID.toString(),
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Deventline.repo=" + repo,
                        "dev.eventline.infra.stack.LocalStack")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("EVENTLINE_DATA_DIR", data.resolve("stack").toString());
        builder.environment().put("KAFKA_PORT", String.valueOf(FreePorts.next()));
        builder.environment().put("EMITTER_PORT", String.valueOf(FreePorts.next()));
        builder.environment().put("STREAM_PORT", String.valueOf(FreePorts.next()));
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        Process stack = builder.start();
        try {
            awaitOutput(output, "Eventline is running.", stack);
            String started = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(started.contains("snapshots ready"), started);

            // Ctrl-C in a terminal: SIGINT to the foreground process group, which setsid made the stack's.
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-INT", "--", "-" + stack.pid())
                            .start()
                            .waitFor());
            assertTrue(stack.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the stack stopped");
            String all = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(all.contains("stopped; data kept in"), all);
            for (String service : List.of("emitter-service", "stream-service")) {
                String log = Files.readString(data.resolve("stack/logs/" + service + ".log"), StandardCharsets.UTF_8);
                for (String error : CONNECTION_ERRORS) {
                    assertFalse(log.contains(error), service + " logged '" + error + "' while stopping:\n" + tail(log));
                }
            }
        } finally {
            // Its children run in sessions of their own: a failed test must not leave them behind.
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    private static void awaitOutput(Path output, String line, Process stack) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(output)
                || !Files.readString(output, StandardCharsets.UTF_8).contains(line)) {
            assertTrue(stack.isAlive(), "the stack exited: " + (Files.exists(output) ? Files.readString(output) : ""));
            assertTrue(System.nanoTime() < deadline, "the stack did not start: " + Files.readString(output));
            Thread.sleep(200);
        }
    }

    private static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 3_000));
    }
}
