/**
 * JSON Schemas of the events in their JSON form (what producers send, what readers get), derived from
 * the Avro schemas so the two never disagree: {@link dev.eventline.schemas.jsonschema.AvroJsonSchema}
 * maps one Avro schema, {@link dev.eventline.schemas.jsonschema.EventJsonSchemas} names them per event
 * type for the AsyncAPI document and the standalone {@code jsonschema/events.json}.
 */
package dev.eventline.schemas.jsonschema;
