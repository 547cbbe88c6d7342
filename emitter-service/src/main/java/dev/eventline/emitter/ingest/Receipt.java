package dev.eventline.emitter.ingest;

import java.time.Instant;

/**
 * Where the log stored an event: enough for a caller to hand a browser an exact starting position.
 *
 * @param topic the topic written to
 * @param partition the partition written to
 * @param offset the record's offset in that partition
 * @param timestamp the record's log timestamp
 */
public record Receipt(String topic, int partition, long offset, Instant timestamp) {}
