/**
 * How events are written to Kafka: the value is Avro binary in Avro's single-object encoding (two
 * marker bytes {@code C3 01}, the writer schema's 8-byte little-endian CRC-64-AVRO fingerprint, then
 * the body), so every record names the schema that wrote it without a registry; the headers in {@link
 * dev.eventline.schemas.codec.EventHeaders} repeat what routing needs without decoding.
 */
package dev.eventline.schemas.codec;
