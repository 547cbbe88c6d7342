/**
 * The AsyncAPI 3 document of the platform, generated at build time from the topic catalog and the Avro
 * schemas: the Kafka channels data teams read and the SSE stream browsers follow. Written into the
 * schemas jar as {@code asyncapi/eventline.yaml}; both services serve it.
 */
package dev.eventline.schemas.asyncapi;
