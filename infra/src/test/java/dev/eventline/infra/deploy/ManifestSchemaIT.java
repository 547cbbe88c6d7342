package dev.eventline.infra.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventline.infra.files.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests are valid against the Kubernetes API's own schemas: {@code
 * infra/deploy/check/validate.mjs} with the {@code kubernetes-models} package from npm (its versions
 * pinned in the lock file), in place of kubeconform, which no registry reachable here serves. Needs
 * Node.js and npm (the machines have both); the first run installs the package into {@code
 * target/manifest-check}.
 */
class ManifestSchemaIT {

    private static final Path CHECK = Path.of("deploy", "check");
    private static final Path WORK = Path.of("target", "manifest-check");

    @BeforeAll
    static void installTheValidator() throws Exception {
        assumeTrue(
                Commands.onPath("node") && Commands.onPath("npm"),
                "Node.js and npm are needed for the manifest schema check");
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(CHECK.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules").resolve("kubernetes-models"))) {
            Commands.Run install = Commands.run(WORK, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
            assertEquals(0, install.exit(), "npm ci: " + install.output());
        }
    }

    @Test
    void everyManifestIsValidAgainstTheKubernetesSchemas() throws Exception {
        Commands.Run check = Commands.run(
                WORK,
                "node",
                "validate.mjs",
                Path.of("deploy", "k8s").toAbsolutePath().toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("invalid 0"), check.output());
    }

    @Test
    void aBrokenManifestIsCaughtWithWhatIsWrong() throws Exception {
        Path broken = WORK.resolve("broken");
        FileTrees.delete(broken);
        Files.createDirectories(broken);
        String stream = Files.readString(Path.of("deploy", "k8s", "stream.yaml"));
        Files.writeString(broken.resolve("stream.yaml"), stream.replace("  replicas: 2", "  replicas: two"));

        Commands.Run check = Commands.run(
                WORK, "node", "validate.mjs", broken.toAbsolutePath().toString());

        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("StatefulSet stream: data/spec/replicas must be integer"), check.output());
    }
}
