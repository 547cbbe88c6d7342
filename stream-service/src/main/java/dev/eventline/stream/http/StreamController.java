package dev.eventline.stream.http;

import dev.eventline.problem.ProblemException;
import dev.eventline.stream.auth.StreamTickets;
import dev.eventline.stream.auth.SubscriberIdentity;
import dev.eventline.stream.config.StreamSettings;
import dev.eventline.stream.metrics.StreamMetrics;
import dev.eventline.stream.subscription.ConnectionLimits;
import dev.eventline.stream.subscription.SseSink;
import dev.eventline.stream.subscription.StreamSpec;
import dev.eventline.stream.subscription.Subscriptions;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /**
     * One line per stream opened and closed (tenant, user, topics, how long it lasted), under a logger
     * of its own so operators can route it, or turn it off, apart from the service's log.
     */
    private static final Logger CONNECTIONS = LoggerFactory.getLogger("eventline.connections");

    private final ReadRequests requests;
    private final Subscriptions subscriptions;
    private final StreamTickets tickets;
    private final StreamMetrics metrics;
    private final ConnectionLimits limits;
    private final boolean directWrite;
    private final BrowserOrigins origins;

    /** Wires the endpoint. */
    public StreamController(
            ReadRequests requests,
            Subscriptions subscriptions,
            StreamTickets tickets,
            StreamMetrics metrics,
            ConnectionLimits limits,
            StreamSettings settings,
            BrowserOrigins origins) {
        this.directWrite = settings.isDirectWrite();
        this.origins = origins;
        this.limits = limits;
        this.metrics = metrics;
        this.tickets = tickets;
        this.requests = requests;
        this.subscriptions = subscriptions;
    }

    /** Opens a stream; see the class documentation. */
    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Flux<Event<String>>> stream(
            @RequestBean StreamQuery query, Authentication authentication, HttpRequest<?> http) {
        if (http.getMethod() == HttpMethod.HEAD) {
            // The framework routes HEAD to GET; a stream has no head of its own to show.
            throw ProblemException.of(
                    405, "method-not-allowed", "Method Not Allowed", "open the stream with GET; HEAD is not supported");
        }
        try {
            return open(http, query, authentication);
        } catch (ProblemException e) {
            metrics.rejected(e.problem().type().substring(e.problem().type().lastIndexOf(':') + 1));
            throw e;
        }
    }

    private HttpResponse<Flux<Event<String>>> open(
            HttpRequest<?> http, StreamQuery streamQuery, Authentication authentication) {
        boolean heartbeatEvents = heartbeatEvents(streamQuery.heartbeat());
        boolean conflate = conflates(streamQuery.conflate());
        ReadParameters query = streamQuery.read();
        if (StreamTickets.isTicket(authentication)) {
            // An expression, so that a new kind of redemption does not compile until it is mapped here.
            Optional<ProblemException> refusal =
                    switch (tickets.redeem(authentication)) {
                        case FIRST_USE -> Optional.empty();
                        case USED_BEFORE ->
                            Optional.of(ProblemException.of(
                                    401, "ticket-used", "Unauthorized", "this stream ticket was used already"));
                        case UNAVAILABLE ->
                            Optional.of(ProblemException.unavailable(
                                    "tickets-unavailable",
                                    "used tickets cannot be checked right now; buy a new ticket and retry",
                                    Duration.ofSeconds(2)));
                    };
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
        SubscriptionRequest request = requests.resolve(authentication, query);
        SubscriberIdentity identity = request.identity();
        Optional<ConnectionLimits.Limit> refused = limits.acquire(identity.tenant(), identity.user());
        if (refused.isPresent()) {
            String limit =
                    switch (refused.get()) {
                        case INSTANCE -> "instance";
                        case TENANT -> "tenant";
                        case USER -> "user";
                    };
            throw ProblemException.tooMany(
                    "too-many-streams-" + limit,
                    "the " + limit + " limit of open streams is reached",
                    Duration.ofSeconds(10));
        }
        StreamSpec spec = new StreamSpec(
                request.partitions(),
                request.topics(),
                request.eventTypes(),
                request.start(),
                request.filter(),
                identity.expiresAt(),
                heartbeatEvents,
                conflate ? request.conflation() : Map.of());
        Runnable release = logged(identity, request.topics(), () -> limits.release(identity.tenant(), identity.user()));
        Optional<SseSink> direct = directWrite ? directSink(http) : Optional.empty();
        if (direct.isPresent()) {
            subscriptions.open(spec, direct.get(), release);
            // The stream is written to the connection directly; the framework's response stays silent.
            return HttpResponse.ok(Flux.never());
        }
        Flux<Event<String>> events = Flux.create(
                sink -> subscriptions.open(spec, new ReactorSseSink(sink), release), FluxSink.OverflowStrategy.BUFFER);
        return HttpResponse.ok(events)
                .header("Cache-Control", DirectSseSink.CACHE_CONTROL)
                .header("X-Accel-Buffering", DirectSseSink.ACCEL_BUFFERING);
    }

    /** Logs the stream's opening now, and its closing when {@code release} runs. */
    private static Runnable logged(SubscriberIdentity identity, Collection<String> topicNames, Runnable release) {
        long openedAt = System.nanoTime();
        String topics = String.join(",", topicNames);
        CONNECTIONS.info("stream opened tenant={} user={} topics={}", identity.tenant(), identity.user(), topics);
        return () -> {
            release.run();
            CONNECTIONS.info(
                    "stream closed tenant={} user={} topics={} seconds={}",
                    identity.tenant(),
                    identity.user(),
                    topics,
                    (System.nanoTime() - openedAt) / 1_000_000_000L);
        };
    }

    private static boolean heartbeatEvents(String heartbeat) {
        if (heartbeat == null || heartbeat.equals("comment")) {
            return false;
        }
        if (heartbeat.equals("event")) {
            return true;
        }
        throw ProblemException.of(
                400, "invalid-heartbeat", "Invalid heartbeat", "heartbeat is 'comment' (the default) or 'event'");
    }

    /** Whether the stream conflates the catalog's conflated types: unless {@code conflate=none}. */
    private static boolean conflates(String conflate) {
        if (conflate == null) {
            return true;
        }
        if (conflate.equals("none")) {
            return false;
        }
        throw ProblemException.of(
                400,
                "invalid-conflate",
                "Invalid conflate",
                "conflate is 'none' (every event of progress types) or absent (the catalog's windows)");
    }

    /** The direct writer for the request's connection: an HTTP/2 stream, or an HTTP/1.1 connection. */
    private Optional<SseSink> directSink(HttpRequest<?> http) {
        if (!(http instanceof NettyHttpRequest<?> netty)) {
            return Optional.empty();
        }
        Channel channel = netty.getChannelHandlerContext().channel();
        Map<String, String> cors = origins.headersFor(http.getHeaders().get("Origin"));
        Optional<SseSink> http2 = DirectHttp2Sink.takeOver(
                        channel, http.getHeaders().get(DirectHttp2Sink.STREAM_ID_HEADER), cors)
                .map(SseSink.class::cast);
        return http2.isPresent() ? http2 : DirectSseSink.takeOver(channel, cors).map(SseSink.class::cast);
    }
}
