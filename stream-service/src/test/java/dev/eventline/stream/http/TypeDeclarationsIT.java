package dev.eventline.stream.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventline.stream.support.StreamHarness;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import dev.eventline.testkit.node.NodePackage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client as a package: the files served under {@code /client/} pack with npm as {@code
 * @eventline/client}, install into an app, and its types (the client's API and every event type)
 * type-check the app with the TypeScript compiler (strict) and catch its mistakes: a field another
 * type has, an enum symbol that does not exist, a missing required field, an unknown event type, a
 * wrong option.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TypeDeclarationsIT {

    private static final Path CHECK = Path.of("src", "test", "typescript");
    private static final Path WORK = Path.of("target", "typescript-check");
    private static final Path PACKAGE = Path.of("target", "client-package");
    private static final String TSC = "node_modules/typescript/bin/tsc";
    private static final List<String> PACKAGED =
            List.of("package.json", "sse-client.js", "sse-client.d.ts", "eventline-events.d.ts", "README.md");

    @Test
    void theServedDeclarationsTypeAnAppAndCatchItsMistakes(TestKafka kafka) throws Exception {
        assumeTrue(NodePackage.available(), "Node.js and npm run the TypeScript compiler (.ci/run installs them)");
        NodePackage typescript = NodePackage.install(CHECK, WORK);
        try (StreamHarness stream = new StreamHarness(kafka, Map.of());
                InputStream shipped = getClass().getResourceAsStream("/client/eventline-events.d.ts")) {
            HttpResponse<String> served = stream.get("/client/eventline-events.d.ts", null);
            assertEquals(200, served.statusCode());
            assertEquals(new String(shipped.readAllBytes(), StandardCharsets.UTF_8), served.body());
            Files.writeString(WORK.resolve("eventline-events.d.ts"), served.body());
            Files.createDirectories(PACKAGE);
            for (String file : PACKAGED) {
                HttpResponse<String> part = stream.get("/client/" + file, null);
                assertEquals(200, part.statusCode(), file);
                Files.writeString(PACKAGE.resolve(file), part.body());
            }
        }
        NodePackage.Result packed = NodePackage.at(PACKAGE)
                .npm(
                        Duration.ofMinutes(2),
                        "pack",
                        "--pack-destination",
                        WORK.toAbsolutePath().toString());
        assertEquals(0, packed.exit(), packed.stdout() + packed.stderr());
        assertTrue(packed.stdout().contains("eventline-client-0.1.0.tgz"), packed.stdout());
        NodePackage.Result installed = typescript.npm(
                Duration.ofMinutes(2),
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "./eventline-client-0.1.0.tgz");
        assertEquals(0, installed.exit(), installed.stdout() + installed.stderr());

        NodePackage.Result app = typescript.run(Duration.ofMinutes(2), TSC, "-p", "tsconfig.json");
        assertEquals(0, app.exit(), app.stdout() + app.stderr());

        assertFailsOnExactly(typescript, "misuses-events.ts", 6, 12, 13, 14);
        assertFailsOnExactly(typescript, "misuses-client.ts", 4, 7, 9);
    }

    /** Compiles {@code file} alone (strict): it must fail with one error on each of {@code lines}, no more. */
    private static void assertFailsOnExactly(NodePackage typescript, String file, int... lines) {
        NodePackage.Result result = typescript.run(
                Duration.ofMinutes(2),
                TSC,
                "--strict",
                "--noEmit",
                "--target",
                "ES2022",
                "--module",
                "ES2022",
                "--moduleResolution",
                "bundler",
                file);
        assertNotEquals(0, result.exit(), result.stdout());
        for (int line : lines) {
            assertTrue(result.stdout().contains(file + "(" + line + ","), file + ":" + line + " in " + result.stdout());
        }
        assertEquals(lines.length, result.stdout().split("error TS", -1).length - 1, result.stdout());
    }
}
