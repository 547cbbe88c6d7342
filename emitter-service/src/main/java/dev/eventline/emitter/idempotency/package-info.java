/**
 * Idempotency keys: a retry with the same key (the {@code Idempotency-Key} header or the event's own
 * {@code eventId}) gets the original receipt and writes nothing new. The port, {@link
 * dev.eventline.emitter.idempotency.IdempotencyStore}, is kept durably by the Kafka adapter.
 */
package dev.eventline.emitter.idempotency;
