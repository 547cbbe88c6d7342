/**
 * The emitter's port to the durable event log: append an encoded event, get back where it was
 * written. Implemented by {@code dev.eventline.emitter.kafka}; nothing here knows Kafka.
 */
package dev.eventline.emitter.ingest;
