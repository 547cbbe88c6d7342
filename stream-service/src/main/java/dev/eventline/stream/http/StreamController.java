package dev.eventline.stream.http;

import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.stream.auth.StreamTickets;
import dev.eventline.stream.auth.SubscriberIdentity;
import dev.eventline.stream.auth.TopicAccess;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.metrics.StreamMetrics;
import dev.eventline.stream.subscription.ConnectionLimits;
import dev.eventline.stream.subscription.EventFilter;
import dev.eventline.stream.subscription.StreamLog;
import dev.eventline.stream.subscription.Subscriptions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * {@code GET /v1/stream?topics=a,b[&types=file.,x.created][&record=id][&last_event_id=...][&since=...]}.
 *
 * <p>Everything is checked before the stream opens (problem+json): topics known (404) and allowed
 * (403), cursor well-formed and within the subscription (400), {@code since} valid (400). The stream
 * then sends {@code connected}, the events with their cursors as ids, heartbeats, and a final event
 * when it ends ({@code auth-expired}, {@code dropped}, {@code shutdown}).
 *
 * <p>Runs on the blocking executor: resolving a start position may ask Kafka for offsets.
 */
@Controller("/v1/stream")
@Secured(SecurityRule.IS_AUTHENTICATED)
public final class StreamController {

    private static final int MAX_TOPICS = 20;
    private static final int MAX_TYPES = 50;

    private final StreamLog log;
    private final TopicAccess access;
    private final Subscriptions subscriptions;
    private final StreamTickets tickets;
    private final StreamMetrics metrics;
    private final ConnectionLimits limits;

    /** Wires the endpoint. */
    public StreamController(
            StreamLog log,
            TopicAccess access,
            Subscriptions subscriptions,
            StreamTickets tickets,
            StreamMetrics metrics,
            ConnectionLimits limits) {
        this.limits = limits;
        this.metrics = metrics;
        this.tickets = tickets;
        this.log = log;
        this.access = access;
        this.subscriptions = subscriptions;
    }

    /** Opens a stream; see the class documentation. */
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Flux<Event<String>>> stream(
            @Nullable @QueryValue String topics,
            @Nullable @QueryValue String types,
            @Nullable @QueryValue String record,
            @Nullable @QueryValue("last_event_id") String lastEventIdParam,
            @Nullable @Header("Last-Event-ID") String lastEventIdHeader,
            @Nullable @QueryValue String since,
            Authentication authentication) {
        try {
            return open(
                    topics,
                    types,
                    record,
                    lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam,
                    since,
                    authentication);
        } catch (ProblemException e) {
            metrics.rejected(e.problem().type().substring(e.problem().type().lastIndexOf(':') + 1));
            throw e;
        }
    }

    private HttpResponse<Flux<Event<String>>> open(
            String topics,
            String types,
            String record,
            String lastEventId,
            String since,
            Authentication authentication) {
        if (StreamTickets.isTicket(authentication) && !tickets.redeem(authentication)) {
            throw ProblemException.of(401, "ticket-used", "Unauthorized", "this stream ticket was used already");
        }
        SubscriberIdentity identity = SubscriberIdentity.of(authentication);
        List<String> topicNames = split(topics, MAX_TOPICS, "topics");
        if (topicNames.isEmpty()) {
            throw ProblemException.of(400, "no-topics", "No topics", "name the topics to follow: ?topics=a,b");
        }
        List<TopicSpec> specs = access.authorize(identity, topicNames);
        if (!log.awaitReady(Duration.ofSeconds(10))) {
            throw ProblemException.unavailable(
                    "not-ready", "the stream is still connecting to Kafka", Duration.ofSeconds(2));
        }
        List<PartitionRef> partitions = partitionsOf(specs, identity.tenant());
        StreamCursor start = StartPosition.resolve(log, partitions, lastEventId, since);
        EventFilter filter =
                new EventFilter(identity.tenant(), identity.user(), split(types, MAX_TYPES, "types"), record);
        String refused = limits.acquire(identity.tenant(), identity.user());
        if (refused != null) {
            throw ProblemException.tooMany(
                    "too-many-streams-" + refused,
                    "the " + refused + " limit of open streams is reached",
                    Duration.ofSeconds(10));
        }
        Flux<Event<String>> events = Flux.create(
                sink -> subscriptions.open(
                        partitions,
                        topicNames,
                        start,
                        filter,
                        identity.expiresAt(),
                        new ReactorSseSink(sink),
                        () -> limits.release(identity.tenant(), identity.user())),
                FluxSink.OverflowStrategy.BUFFER);
        return HttpResponse.ok(events)
                .header("Cache-Control", "no-cache, no-transform")
                .header("X-Accel-Buffering", "no");
    }

    private List<PartitionRef> partitionsOf(List<TopicSpec> specs, String tenant) {
        List<PartitionRef> partitions = new ArrayList<>();
        for (TopicSpec spec : specs) {
            int count = log.partitionCount(spec.name());
            if (count == 0) {
                throw ProblemException.unavailable(
                        "topic-missing",
                        "topic " + spec.name() + " does not exist in Kafka yet",
                        Duration.ofSeconds(30));
            }
            if (spec.partitionKey() == PartitionKey.TENANT) {
                partitions.add(new PartitionRef(spec.name(), log.partitionOf(spec.name(), tenant)));
            } else {
                for (int p = 0; p < count; p++) {
                    partitions.add(new PartitionRef(spec.name(), p));
                }
            }
        }
        return partitions;
    }

    private static List<String> split(String csv, int max, String name) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        List<String> values = Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
        if (values.size() > max) {
            throw ProblemException.of(400, "too-many-" + name, "Too many " + name, "at most " + max + " " + name);
        }
        return values;
    }
}
