package dev.eventline.client;

import java.util.UUID;

/**
 * Where the emitter wrote an event: durable once this exists (Kafka acknowledged it with acks=all).
 *
 * @param eventId the event's id (the one the client gave it)
 * @param type the event type
 * @param topic the Kafka topic
 * @param partition the Kafka partition
 * @param offset the Kafka offset
 * @param replayed true when an earlier attempt with the same event id had written it already
 */
public record EmitReceipt(UUID eventId, String type, String topic, int partition, long offset, boolean replayed) {}
