/**
 * Checks event JSON against Avro schemas and converts it to Avro records, naming every wrong field by
 * its JSON pointer (RFC 6901). Pure functions: no I/O, thread-safe.
 */
package dev.eventline.emitter.validation;
