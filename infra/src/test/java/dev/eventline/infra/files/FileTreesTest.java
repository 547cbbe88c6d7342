package dev.eventline.infra.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @Test
    void deletesATreeOrOnlyItsContents(@TempDir Path temp) throws Exception {
        Path root = temp.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file"), "x");
        Files.writeString(root.resolve("top"), "y");

        FileTrees.deleteContents(root);
        assertTrue(Files.isDirectory(root));
        try (var left = Files.list(root)) {
            assertFalse(left.findAny().isPresent());
        }

        Files.createDirectories(root.resolve("c"));
        FileTrees.delete(root);
        assertFalse(Files.exists(root));
        FileTrees.delete(root);
        assertTrue(FileTrees.deleteQuietly(root), "an absent tree is gone");
    }
}
