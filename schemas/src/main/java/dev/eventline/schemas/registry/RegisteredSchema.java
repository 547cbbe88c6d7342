package dev.eventline.schemas.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject, as a registry answers it.
 *
 * @param subject the subject
 * @param version its version number, counting from 1 (the schema's released version)
 * @param id the schema's stable id, the same under every subject that has it
 * @param schema the schema
 */
public record RegisteredSchema(Subject subject, int version, int id, Schema schema) {

    /** The schema's text, as released (docs and defaults included). */
    public String text() {
        return schema.toString();
    }
}
