/**
 * TypeScript declarations of every event type's JSON form, generated from the Avro schemas and the
 * catalog; stream-service ships them beside its browser client.
 */
package dev.eventline.schemas.typescript;
