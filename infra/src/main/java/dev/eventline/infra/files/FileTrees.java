package dev.eventline.infra.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deletes folder trees (broker data, snapshot state, benchmark work folders). Stateless. */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code root} and everything below it; nothing when it does not exist. */
    public static void delete(Path root) throws IOException {
        for (Path path : below(root)) {
            Files.deleteIfExists(path);
        }
    }

    /** Deletes everything below {@code root} and keeps {@code root} itself (a test's own temp folder, say). */
    public static void deleteContents(Path root) throws IOException {
        for (Path path : below(root)) {
            if (!path.equals(root)) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * As {@link #delete}, for clean-up after the real work is done, where a leftover folder is not worth
     * a failure.
     *
     * @return whether the tree is gone
     */
    public static boolean deleteQuietly(Path root) {
        try {
            delete(root);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every path of the tree, deepest first, so that folders come after their contents. */
    private static List<Path> below(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted(Comparator.reverseOrder()).toList();
        }
    }
}
