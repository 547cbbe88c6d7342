/**
 * Idempotency keys: a retry with the same key (the event's own {@code eventId}, else the {@code
 * Idempotency-Key} header) gets the original receipt and writes nothing new, whatever instance it
 * reaches and whenever the attempt before it died. An attempt claims its key in the idempotency log
 * before it appends the event ({@link dev.eventline.emitter.idempotency.KeyRecord}); the log's order
 * decides the owner ({@link dev.eventline.emitter.idempotency.KeyLedger}); see ADR 0006. The port,
 * {@link dev.eventline.emitter.idempotency.IdempotencyStore}, is kept durably by the Kafka adapter.
 */
package dev.eventline.emitter.idempotency;
