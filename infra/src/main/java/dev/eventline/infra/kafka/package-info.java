/**
 * A real single-node KRaft Kafka broker built from Kafka's own Maven artifacts, run as a child JVM,
 * and the admin operations the local stack and tests need (topic creation).
 *
 * <p>This is one of the few packages allowed to import {@code org.apache.kafka}.
 */
package dev.eventline.infra.kafka;
