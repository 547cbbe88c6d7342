/**
 * The Kafka adapter of the stream service: {@link dev.eventline.stream.kafka.KafkaStreamLog} implements
 * the {@link dev.eventline.stream.subscription.StreamLog} port with one shared live tail (one consumer
 * for every partition), an in-memory window of recent events per partition, and a bounded pool of
 * catch-up consumers for older positions. No consumer groups: positions live in clients' cursors.
 *
 * <p>The only package of stream-service allowed to import {@code org.apache.kafka}.
 */
package dev.eventline.stream.kafka;
