package dev.eventline.stream.subscription;

import dev.eventline.stream.cursor.PartitionRef;
import java.util.List;

/**
 * One event of the log, decoded once by the adapter and shared by every subscriber that gets it.
 *
 * @param partition where it is
 * @param offset its offset there
 * @param type the event type (validated by the emitter: dotted lower case, no control characters)
 * @param tenant the tenant it belongs to
 * @param recordId the record it is about
 * @param audience user ids it is addressed to; empty for the whole tenant
 * @param emittedAt epoch millis the producer gave
 * @param json the event as the browser gets it ({@code data:}): envelope fields and payload, one line
 */
public record LogEvent(
        PartitionRef partition,
        long offset,
        String type,
        String tenant,
        String recordId,
        List<String> audience,
        long emittedAt,
        String json) {}
