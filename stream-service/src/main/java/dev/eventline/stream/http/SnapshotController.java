package dev.eventline.stream.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventline.problem.ProblemException;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.metrics.StreamMetrics;
import dev.eventline.stream.snapshot.SnapshotUnavailableException;
import dev.eventline.stream.snapshot.Snapshots;
import dev.eventline.stream.snapshot.Summaries;
import dev.eventline.stream.subscription.LogEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /v1/snapshot?topics=a,b[&types=...][&record=...]}: the current state of the caller's
 * records (latest event per record, marks such as a read beside it, deleted ones gone) and the cursor it reflects. Opening the stream
 * with {@code last_event_id=<cursor>} continues exactly after the snapshot.
 *
 * <p>Same request rules and authorization as the stream (roles, tenant, audience). Runs on the
 * blocking executor.
 */
@Controller("/v1/snapshot")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(beans = Snapshots.class)
public final class SnapshotController {

    private static final JsonFactory JSON = new JsonFactory();

    private static final String SUBMISSIONS_PER_ASSIGNMENT = "submissionsPerAssignment";

    private final ReadRequests requests;
    private final Snapshots snapshots;
    private final StreamMetrics metrics;

    /** Wires the endpoint. */
    public SnapshotController(ReadRequests requests, Snapshots snapshots, StreamMetrics metrics) {
        this.requests = requests;
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    /** The snapshot; see the class documentation. */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> snapshot(
            @Nullable @QueryValue String topics,
            @Nullable @QueryValue String types,
            @Nullable @QueryValue String record,
            @Nullable @QueryValue String scope,
            @Nullable @QueryValue String summaries,
            Authentication authentication) {
        SubscriptionRequest.refuseTickets(authentication);
        boolean perAssignment = summaries != null && !summaries.isBlank();
        if (perAssignment && !summaries.equals(SUBMISSIONS_PER_ASSIGNMENT)) {
            throw ProblemException.of(
                    400,
                    "invalid-summaries",
                    "Invalid summaries",
                    "the snapshot's summaries are: " + SUBMISSIONS_PER_ASSIGNMENT);
        }
        long started = System.nanoTime();
        SubscriptionRequest request =
                requests.resolve(authentication, ReadParameters.current(topics, types, record, scope));
        Snapshots.Snapshot snapshot;
        try {
            snapshot = snapshots.take(
                    request.identity().tenant(), request.topics(), request.partitions(), request.filter());
        } catch (SnapshotUnavailableException e) {
            throw ProblemException.unavailable("snapshot-unavailable", e.getMessage(), Duration.ofSeconds(2));
        }
        String body = toJson(snapshot, perAssignment);
        metrics.snapshot(System.nanoTime() - started);
        return HttpResponse.ok(body).header("Cache-Control", "no-store");
    }

    private static String toJson(Snapshots.Snapshot snapshot, boolean perAssignment) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("cursor", CursorCodec.encode(snapshot.cursor()));
            json.writeArrayFieldStart("records");
            for (LogEvent record : snapshot.records()) {
                json.writeStartObject();
                json.writeStringField("event", record.type());
                json.writeFieldName("data");
                json.writeRawValue(record.json());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (perAssignment) {
                // A dashboard's figure: it reads every submission's payload again, so only on request.
                json.writeObjectFieldStart("summaries");
                writeCounts(json, SUBMISSIONS_PER_ASSIGNMENT, Summaries.submissionsPerAssignment(snapshot.records()));
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeCounts(JsonGenerator json, String name, Map<String, Integer> counts) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
