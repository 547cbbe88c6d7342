package dev.eventline.stream.http;

import dev.eventline.problem.ProblemException;
import dev.eventline.schemas.catalog.Addressing;
import dev.eventline.schemas.catalog.EventTypeSpec;
import dev.eventline.schemas.catalog.PartitionKey;
import dev.eventline.schemas.catalog.TopicSpec;
import dev.eventline.schemas.envelope.Audience;
import dev.eventline.schemas.envelope.EnvelopeRules;
import dev.eventline.stream.auth.StreamTickets;
import dev.eventline.stream.auth.SubscriberIdentity;
import dev.eventline.stream.auth.TopicAccess;
import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import dev.eventline.stream.subscription.EventFilter;
import dev.eventline.stream.subscription.Recipient;
import dev.eventline.stream.subscription.StreamLog;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stream or replay request, checked: who asks, which topics (known and allowed), which partitions
 * (the tenant's only on tenant-keyed topics), from where, and through which filter. The stream and the
 * JSON replay resolve requests here, so authorization and cursor rules cannot drift between them.
 *
 * @param identity the subscriber
 * @param topics the topic names, as asked
 * @param partitions the partitions this subscription reads; a cursor may name no others
 * @param eventTypes the catalog's event types of these topics that pass the type filter
 * @param start the first position
 * @param filter tenant, addressing (user, groups, scope), types and record filter
 * @param conflation the catalog's conflation windows of {@code eventTypes} that have one
 */
record SubscriptionRequest(
        SubscriberIdentity identity,
        List<String> topics,
        List<PartitionRef> partitions,
        List<String> eventTypes,
        StreamCursor start,
        EventFilter filter,
        Map<String, Duration> conflation) {

    private static final int MAX_TOPICS = 20;
    private static final int MAX_TYPES = 50;
    private static final int MAX_SCOPES = 20;

    /**
     * Checks and resolves a request; throws {@link ProblemException} (400, 403, 404, 503) when it
     * cannot be served. Blocking: resolving a start position may ask Kafka for offsets.
     */
    static SubscriptionRequest resolve(
            StreamLog log, TopicAccess access, Authentication authentication, ReadParameters query) {
        SubscriberIdentity identity = access.identify(authentication);
        List<String> topicNames = split(query.topics(), MAX_TOPICS, "topics");
        if (topicNames.isEmpty()) {
            throw ProblemException.of(400, "no-topics", "No topics", "name the topics to follow: ?topics=a,b");
        }
        List<TopicSpec> specs = access.authorize(identity, topicNames);
        Set<String> scope = access.scope(identity, split(query.scope(), MAX_SCOPES, "scopes"));
        if (!log.awaitReady(Duration.ofSeconds(10))) {
            throw ProblemException.unavailable(
                    "not-ready", "the stream is still connecting to Kafka", Duration.ofSeconds(2));
        }
        List<PartitionRef> partitions = partitionsOf(log, specs, identity.tenant());
        StreamCursor start = StartPosition.resolve(log, partitions, query.position(), query.since());
        List<String> typeNames = split(query.types(), MAX_TYPES, "types");
        typeNames.forEach(type -> checkId(type, "types"));
        if (query.record() != null) {
            checkId(query.record(), "record");
        }
        Recipient recipient =
                new Recipient(identity.tenant(), Audience.entriesOf(identity.user(), identity.groups()), scope);
        Set<String> audienceTopics = specs.stream()
                .filter(spec -> spec.addressing() == Addressing.AUDIENCE)
                .map(TopicSpec::name)
                .collect(Collectors.toSet());
        EventFilter filter = new EventFilter(recipient, audienceTopics, typeNames, query.record());
        List<EventTypeSpec> types = specs.stream()
                .flatMap(spec -> spec.events().stream())
                .filter(type -> filter.allowsType(type.type()))
                .toList();
        Map<String, Duration> conflation = types.stream()
                .filter(type -> !type.conflation().isZero())
                .collect(Collectors.toMap(EventTypeSpec::type, EventTypeSpec::conflation));
        return new SubscriptionRequest(
                identity,
                topicNames,
                partitions,
                types.stream().map(EventTypeSpec::type).toList(),
                start,
                filter,
                conflation);
    }

    /** 401 for a stream ticket: tickets open one stream, every other endpoint wants the token itself. */
    static void refuseTickets(Authentication authentication) {
        if (StreamTickets.isTicket(authentication)) {
            throw ProblemException.of(
                    401, "ticket-not-accepted", "Unauthorized", "tickets open streams; send the token instead");
        }
    }

    private static List<PartitionRef> partitionsOf(StreamLog log, List<TopicSpec> specs, String tenant) {
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

    private static void checkId(String value, String name) {
        String problem = EnvelopeRules.idProblem(value);
        if (problem != null) {
            throw ProblemException.of(400, "invalid-" + name, "Invalid " + name, name + " " + problem);
        }
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
