/**
 * emitter-service: the HTTP emit API. Producer services post events as JSON; each is validated
 * against its type's Avro schema and written to its Kafka topic, and answered only after Kafka
 * acknowledged it.
 *
 * <p>{@code ingest} is the port to the event log and the receipt it returns; {@code kafka} adapts it
 * to Kafka and is the only package that imports Kafka.
 */
package dev.eventline.emitter;
