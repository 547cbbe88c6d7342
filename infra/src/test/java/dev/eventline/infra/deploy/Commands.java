package dev.eventline.infra.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs the stock tools that check the deployment files (npm, node, promtool). Stateless. */
final class Commands {

    private Commands() {}

    /**
     * How a command ended.
     *
     * @param exit its exit status; -1 when it was killed after five minutes
     * @param output what it printed, standard error included
     */
    record Run(int exit, String output) {}

    /** Runs {@code command} in {@code directory}; blocks until it ends, five minutes at most. */
    static Run run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Run(-1, output + "\n(timed out)");
        }
        return new Run(process.exitValue(), output);
    }

    /** Whether {@code program} is on the path. */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
