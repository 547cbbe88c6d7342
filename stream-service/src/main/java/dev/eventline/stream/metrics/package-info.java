/** The stream service's Prometheus metrics (Micrometer). */
package dev.eventline.stream.metrics;
