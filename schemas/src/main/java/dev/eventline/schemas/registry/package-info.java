/**
 * The catalog's schemas as a schema registry sees them: subjects named by Confluent's {@code
 * TopicRecordNameStrategy} ({@code <topic>-<record full name>}), their versions, and the stable ids of
 * {@link dev.eventline.schemas.codec.SchemaIds}. Pure and read-only: emitter-service serves it over
 * Confluent's REST API, so data teams' stock tools decode the topics with nothing but the platform.
 */
package dev.eventline.schemas.registry;
