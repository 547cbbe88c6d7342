/**
 * Events in JSON, both ways: {@link dev.eventline.schemas.json.JsonToAvro} reads a producer's payload
 * into its Avro record (every wrong field named by {@link dev.eventline.schemas.json.FieldError}), and
 * {@link dev.eventline.schemas.json.EventJson} writes a stored event as readers get it.
 */
package dev.eventline.schemas.json;
