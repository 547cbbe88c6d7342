/**
 * The emit use case: stamp a validated event with its envelope, encode it, append it to the event log
 * (the {@link dev.eventline.emitter.ingest.EventLog} port), and honour idempotency keys and the
 * in-flight bound. Nothing here knows Kafka or HTTP.
 */
package dev.eventline.emitter.ingest;
