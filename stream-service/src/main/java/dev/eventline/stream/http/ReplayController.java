package dev.eventline.stream.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventline.problem.ProblemException;
import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.cursor.CursorCodec;
import dev.eventline.stream.subscription.LogUnavailableException;
import dev.eventline.stream.subscription.Replay;
import dev.eventline.stream.subscription.SseFrame;
import dev.eventline.stream.subscription.StreamLog;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@code GET /v1/events?topics=a,b[&after=<cursor>][&since=...][&types=...][&record=...][&limit=n]}:
 * the stream's events as one JSON page, for clients that cannot keep a stream open (the browser
 * client's polling fallback, scripts).
 *
 * <p>Same request rules and authorization as the stream (roles, tenant, audience), same ids: an item's
 * {@code id} is the cursor after it and works as {@code last_event_id} on the stream and as
 * {@code after} here. Without {@code after} or {@code since} the page starts at the live end (empty,
 * with the current cursor). Tickets are not accepted: they are for opening one stream.
 *
 * <p>Runs on the blocking executor: it waits for reads of the log.
 */
@Controller("/v1/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
public final class ReplayController {

    /** Items per page unless {@code limit} says otherwise. */
    public static final int DEFAULT_LIMIT = 500;

    /** The largest page. */
    public static final int MAX_LIMIT = 5000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ReadRequests requests;
    private final Replay replay;

    /** Wires the endpoint. */
    public ReplayController(StreamLog log, ReadRequests requests, StreamSettings settings) {
        this.requests = requests;
        this.replay = new Replay(log, settings.getReadBatch(), READ_TIMEOUT);
    }

    /** One page of events; see the class documentation. */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> page(@RequestBean ReplayQuery query, Authentication authentication) {
        SubscriptionRequest.refuseTickets(authentication);
        int size = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.of(
                    400, "invalid-limit", "Invalid limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        SubscriptionRequest request = requests.resolve(authentication, query.read());
        Replay.Page page;
        try {
            page = replay.read(request.partitions(), request.start(), request.filter(), size);
        } catch (LogUnavailableException e) {
            throw ProblemException.unavailable(
                    "log-unavailable", "Kafka did not answer in time", Duration.ofSeconds(2));
        }
        return HttpResponse.ok(toJson(page)).header("Cache-Control", "no-store");
    }

    private static String toJson(Replay.Page page) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("events");
            for (SseFrame frame : page.frames()) {
                json.writeStartObject();
                json.writeStringField("id", frame.id());
                json.writeStringField("event", frame.event());
                json.writeFieldName("data");
                // Frame data is JSON already (the same text the stream sends as data:).
                json.writeRawValue(frame.data());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("cursor", CursorCodec.encode(page.cursor()));
            json.writeBooleanField("more", page.more());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
