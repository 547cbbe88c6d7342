/**
 * The one-command local platform: broker (unless {@code KAFKA_BOOTSTRAP_SERVERS} names one), catalog
 * topics, emitter-service and stream-service as child processes, development tokens, and a banner and
 * env file that say where everything is.
 */
package dev.eventline.infra.stack;
