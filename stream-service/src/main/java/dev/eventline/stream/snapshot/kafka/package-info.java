/**
 * The snapshot state on Kafka Streams: a topology that keeps each (tenant, record)'s latest state event
 * and the marks beside it of every catalog topic in a persistent store backed by a changelog topic, and the
 * {@link dev.eventline.stream.snapshot.SnapshotStore} adapter that runs and queries it.
 */
package dev.eventline.stream.snapshot.kafka;
