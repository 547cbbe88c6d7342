package dev.eventline.testkit.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Follows every {@code $ref} of a parsed API description that points outside it (the generated JSON
 * Schemas, say): resolved against the URL the description was served at, fetched, and its fragment
 * looked up as a JSON pointer. Stateless.
 */
public final class ExternalRefs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExternalRefs() {}

    /**
     * What the references of {@code description} (a YAML or JSON tree of maps and lists) come to.
     *
     * @param followed every external reference seen
     * @param broken each one that did not resolve, with why
     */
    public record Result(List<String> followed, List<String> broken) {}

    /** Checks every external reference, fetching each document once with {@code fetch} (null when absent). */
    public static Result check(Object description, URI servedAt, Function<URI, String> fetch) {
        List<String> refs = new ArrayList<>();
        collect(description, refs);
        Map<URI, JsonNode> documents = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (String ref : refs) {
            URI target = servedAt.resolve(ref);
            URI document = URI.create(target.getScheme() + ":" + target.getRawSchemeSpecificPart());
            JsonNode root = documents.computeIfAbsent(document, uri -> parse(fetch.apply(uri)));
            if (root == null) {
                broken.add(ref + ": " + document + " is not served as JSON");
            } else if (root.at(target.getFragment() == null ? "" : target.getFragment())
                    .isMissingNode()) {
                broken.add(ref + ": no " + target.getFragment() + " in " + document);
            }
        }
        return new Result(refs, broken);
    }

    private static void collect(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            Object ref = map.get("$ref");
            if (ref instanceof String text && !text.startsWith("#")) {
                refs.add(text);
            }
            map.values().forEach(value -> collect(value, refs));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, refs));
        }
    }

    private static JsonNode parse(String body) {
        if (body == null) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
