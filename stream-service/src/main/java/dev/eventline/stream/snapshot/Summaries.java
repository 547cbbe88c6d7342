package dev.eventline.stream.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventline.stream.subscription.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures derived from a snapshot's records, where dashboards need them: submissions per assignment
 * (from the latest state of every submission, so deleted ones no longer count). The latest progress of
 * each file and job needs no derivation: it is the record's latest event.
 *
 * <p>Stateless and thread-safe.
 */
public final class Summaries {

    private static final JsonFactory JSON = new JsonFactory();

    private Summaries() {}

    /** Assignment id to the number of current submissions to it. */
    public static Map<String, Integer> submissionsPerAssignment(List<LogEvent> records) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LogEvent record : records) {
            if (record.type().startsWith("submission.")) {
                String assignment = payloadField(record.json(), "assignmentId");
                if (assignment != null) {
                    counts.merge(assignment, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static String payloadField(String json, String name) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("payload") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken innerValue = parser.nextToken();
                        if (inner.equals(name) && innerValue == JsonToken.VALUE_STRING) {
                            return parser.getText();
                        }
                        parser.skipChildren();
                    }
                    return null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
