/**
 * The snapshot state on Kafka Streams: a topology that keeps the latest event per (tenant, record) of
 * every catalog topic in an in-memory store backed by a changelog topic, and the
 * {@link dev.eventline.stream.snapshot.SnapshotStore} adapter that runs and queries it.
 */
package dev.eventline.stream.snapshot.kafka;
