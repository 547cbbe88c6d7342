/** The emitter's Prometheus metrics (Micrometer): accepted and rejected events, latency, Kafka errors, in-flight. */
package dev.eventline.emitter.metrics;
