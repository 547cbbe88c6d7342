package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.cursor.StreamCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one stream follows and how, once its request has been checked.
 *
 * @param partitions the partitions read; the cursor covers exactly these
 * @param topics the topic names, announced in {@code connected}
 * @param eventTypes the event types this stream can carry (catalog types of its topics that pass its
 *     type filter), announced in {@code connected} so that clients can listen for each by name
 * @param start the first position
 * @param filter tenant, audience, types and record filter
 * @param expiresAt when the credentials expire ({@code auth-expired}), or null
 * @param heartbeatEvents heartbeats as {@code event: heartbeat} frames instead of comments, for clients
 *     (such as browsers' EventSource) that cannot see comments but watch for silence
 * @param conflation the event types this stream conflates, each with its window ({@link Conflation});
 *     empty: every event is delivered
 */
public record StreamSpec(
        List<PartitionRef> partitions,
        List<String> topics,
        List<String> eventTypes,
        StreamCursor start,
        EventFilter filter,
        Instant expiresAt,
        boolean heartbeatEvents,
        Map<String, Duration> conflation) {

    /** Copies the lists. */
    public StreamSpec {
        partitions = List.copyOf(partitions);
        topics = List.copyOf(topics);
        eventTypes = List.copyOf(eventTypes);
        conflation = Map.copyOf(conflation);
    }
}
