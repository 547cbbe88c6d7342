package dev.eventline.schemas.evolution;

import dev.eventline.schemas.EventSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Records the current version of every changed schema as its next released version: writes {@code
 * <full name>/v<N>.avsc} and rewrites the index. Run when a schema change is ready to ship; commit the
 * files it writes. Schemas whose current form equals their latest release are left alone.
 */
public final class ReleaseSchemas {

    private ReleaseSchemas() {}

    /** {@code args[0]}: the {@code released} directory in the source tree. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        ReleasedSchemas released = ReleasedSchemas.load();
        List<String> index = new ArrayList<>();
        for (Schema current : EventSchemas.load().currentSchemas()) {
            List<Schema> versions = released.versionsOf(current.getFullName());
            for (int v = 1; v <= versions.size(); v++) {
                index.add(current.getFullName() + "/v" + v + ".avsc");
            }
            Schema latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
            if (latest == null
                    || SchemaNormalization.parsingFingerprint64(latest)
                            != SchemaNormalization.parsingFingerprint64(current)) {
                String entry = current.getFullName() + "/v" + (versions.size() + 1) + ".avsc";
                Path file = dir.resolve(entry);
                Files.createDirectories(file.getParent());
                Files.writeString(file, current.toString(true) + "\n");
                index.add(entry);
                System.out.println("released " + entry);
            }
        }
        Files.writeString(
                dir.resolve("index.txt"),
                "# Released event schema versions; written by ReleaseSchemas, read by ReleasedSchemas.\n"
                        + String.join("\n", index) + "\n");
    }
}
