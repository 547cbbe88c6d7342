/** The emitter's own settings ({@code eventline.emitter.*}); Kafka client settings live under {@code kafka.*}. */
package dev.eventline.emitter.config;
