/**
 * Kafka's own measuring tools run beside ours: {@code kafka-producer-perf-test} for the emit ceiling and
 * a consumer group's lag. One of the few packages allowed to import {@code org.apache.kafka}.
 */
package dev.eventline.bench.kafka;
