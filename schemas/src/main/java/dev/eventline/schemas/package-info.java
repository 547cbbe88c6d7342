/**
 * The event contract of the platform: Avro schemas and generated classes ({@code .avsc} files under
 * {@code src/main/avro}), the topic catalog ({@code catalog}) and the encoding on Kafka.
 */
package dev.eventline.schemas;
