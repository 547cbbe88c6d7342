package dev.eventline.testkit.node;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node.js package of the repository (a directory with {@code package.json}, its lock file and
 * scripts), copied into a work directory under {@code target/} and installed there with {@code npm ci},
 * so the versions are exactly those of the lock file and the source tree stays clean. Installing again
 * is skipped while the lock file is unchanged.
 *
 * <p>Not thread-safe; {@link #run} blocks until the script ends or its time is up.
 */
public final class NodePackage {

    /** A first install downloads the packages; a few minutes is generous on a slow mirror. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private final Path work;

    private NodePackage(Path work) {
        this.work = work;
    }

    /** Whether {@code node} and {@code npm} are on the path. */
    public static boolean available() {
        return onPath("node") && onPath("npm");
    }

    /**
     * Copies the files of {@code source} (not its {@code node_modules}) into {@code work} and installs
     * the package there. Throws {@link IllegalStateException} with npm's output when the install fails.
     */
    public static NodePackage install(Path source, Path work) {
        try {
            Files.createDirectories(work);
            Path lock = work.resolve("package-lock.json");
            byte[] installedLock = Files.exists(lock) ? Files.readAllBytes(lock) : new byte[0];
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, work.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            boolean current = Files.isDirectory(work.resolve("node_modules"))
                    && Arrays.equals(installedLock, Files.readAllBytes(lock));
            NodePackage node = new NodePackage(work);
            if (!current) {
                Result install = node.exec(INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
                if (install.exit() != 0) {
                    throw new IllegalStateException(
                            "npm ci in " + work + " failed: " + install.stderr() + install.stdout());
                }
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A package already in place in {@code directory} (to pack it, say); nothing is installed. */
    public static NodePackage at(Path directory) {
        return new NodePackage(directory);
    }

    /** Runs {@code npm <arguments>} in the package's directory ({@code pack}, {@code install <tarball>}). */
    public Result npm(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("npm");
        command.addAll(List.of(arguments));
        return exec(timeout, command.toArray(String[]::new));
    }

    /** Runs {@code node <arguments>} in the package's directory; a script still running at the timeout is killed. */
    public Result run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.addAll(List.of(arguments));
        return exec(timeout, command.toArray(String[]::new));
    }

    /**
     * How a run ended.
     *
     * @param exit the exit status; -1 when it was killed at its timeout
     * @param stdout what it printed
     * @param stderr what it printed on standard error
     */
    public record Result(int exit, String stdout, String stderr) {

        /** The standard output's lines. */
        public List<String> lines() {
            return stdout.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private Result exec(Duration timeout, String... command) {
        try {
            Path err = Files.createTempFile(work, "stderr", ".txt");
            Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            // Read while it runs: a full pipe would stop the script.
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.append("(output lost: ").append(e.getMessage()).append(')');
                }
            });
            reader.setDaemon(true);
            reader.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            reader.join(Duration.ofSeconds(10).toMillis());
            String stderr = Files.readString(err);
            Files.delete(err);
            // join() orders the reader's appends before this read.
            return new Result(
                    ended ? process.exitValue() : -1, out.toString(), stderr + (ended ? "" : "\n(timed out)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
