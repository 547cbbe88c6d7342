/**
 * The Kafka adapter of the emitter: {@link dev.eventline.emitter.kafka.KafkaEventLog} implements the
 * {@link dev.eventline.emitter.ingest.EventLog} port with one idempotent producer configured under
 * {@code kafka.producers.events} (see {@code application.yml}, each non-default setting with its why).
 *
 * <p>The only package of emitter-service allowed to import {@code org.apache.kafka}.
 */
package dev.eventline.emitter.kafka;
