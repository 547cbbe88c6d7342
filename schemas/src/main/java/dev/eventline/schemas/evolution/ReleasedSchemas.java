package dev.eventline.schemas.evolution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The released versions of every event schema, read from {@code released/index.txt} and the {@code
 * <full name>/v<N>.avsc} files it lists (a jar cannot be listed, hence the index).
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class ReleasedSchemas {

    static final String INDEX = "released/index.txt";
    private static final String PREFIX = "dev/eventline/schemas/";

    private final Map<String, List<Schema>> versions;

    /** Versions given directly, oldest first per full name (tools and tests). */
    public ReleasedSchemas(Map<String, List<Schema>> versions) {
        this.versions = Map.copyOf(versions);
    }

    /** Loads the versions shipped in the schemas jar. */
    public static ReleasedSchemas load() {
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (String entry : readIndex()) {
            String name = entry.substring(0, entry.indexOf('/'));
            int version = Integer.parseInt(entry.substring(entry.indexOf("/v") + 2, entry.length() - ".avsc".length()));
            List<Schema> list = versions.computeIfAbsent(name, n -> new ArrayList<>());
            if (version != list.size() + 1) {
                throw new IllegalStateException(INDEX + ": " + entry + " is out of order; versions count from v1");
            }
            list.add(parse(entry));
        }
        return new ReleasedSchemas(versions);
    }

    /** The released versions of a record, oldest first (v1 at index 0); empty if never released. */
    public List<Schema> versionsOf(String fullName) {
        return versions.getOrDefault(fullName, List.of());
    }

    /** Every released schema of every record. */
    public List<Schema> all() {
        return versions.values().stream().flatMap(List::stream).toList();
    }

    private static List<String> readIndex() {
        if (ReleasedSchemas.class.getClassLoader().getResource(PREFIX + INDEX) == null) {
            return List.of();
        }
        try (InputStream in = resource(INDEX)) {
            List<String> entries = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.trim());
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    private static Schema parse(String entry) {
        try (InputStream in = resource("released/" + entry)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + entry, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(PREFIX + path);
        if (in == null) {
            throw new IllegalStateException(PREFIX + path + " is missing from the schemas jar");
        }
        return in;
    }
}
