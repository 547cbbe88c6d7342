/**
 * A real Kafka broker for JUnit 5 tests ({@link dev.eventline.testkit.kafka.KafkaBrokerExtension}: the
 * embedded KRaft broker of {@code infra}, or a Testcontainers one where Docker exists), the service
 * settings that point a service at it, and bulk writers of events as the emitter writes them.
 *
 * <p>One of the few packages allowed to import {@code org.apache.kafka}.
 */
package dev.eventline.testkit.kafka;
