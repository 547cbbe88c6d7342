package dev.eventline.schemas.registry;

import java.util.Objects;
import java.util.function.Function;

/**
 * What the registry says to a question about a subject: the version asked for, or why there is none.
 * The HTTP layer gives each {@link Reason} its status and Confluent error code.
 */
public sealed interface RegistryAnswer {

    /** Takes the answer apart: exactly one of the functions is applied. */
    <T> T match(Function<Found, T> found, Function<Missing, T> missing);

    /** The version asked for, or the one that has the schema looked up. */
    record Found(RegisteredSchema schema) implements RegistryAnswer {

        @Override
        public <T> T match(Function<Found, T> found, Function<Missing, T> missing) {
            return found.apply(this);
        }
    }

    /**
     * Why there is no version to give.
     *
     * @param reason the kind of answer
     * @param detail what was asked and is not there, for people
     */
    record Missing(Reason reason, String detail) implements RegistryAnswer {

        /** Requires both. */
        public Missing {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public <T> T match(Function<Found, T> found, Function<Missing, T> missing) {
            return missing.apply(this);
        }
    }

    /** The kinds of {@link Missing} answers. */
    enum Reason {
        /** No topic of the catalog holds that record: the subject does not exist. */
        SUBJECT_NOT_FOUND,
        /** The subject exists, but not with that version number. */
        VERSION_NOT_FOUND,
        /** No version of the subject is the schema looked up, or no schema has the id asked for. */
        SCHEMA_NOT_FOUND,
        /** The version is neither a positive number nor {@code latest} (nor -1, which means latest). */
        INVALID_VERSION,
        /** The schema looked up is not an Avro schema (or not Avro at all). */
        INVALID_SCHEMA,
        /** A registration of a schema the catalog does not hold: this registry is read-only. */
        READ_ONLY
    }

    /** The subject does not exist. */
    static Missing subjectNotFound(String subject) {
        return new Missing(
                Reason.SUBJECT_NOT_FOUND,
                "Subject '" + subject + "' not found: subjects are <topic>-<record full name>, see GET /subjects");
    }

    /** The subject has no such version. */
    static Missing versionNotFound(String subject, int version) {
        return new Missing(Reason.VERSION_NOT_FOUND, "Subject '" + subject + "' has no version " + version);
    }

    /** No version of the subject is the schema. */
    static Missing schemaNotFound(String subject) {
        return new Missing(Reason.SCHEMA_NOT_FOUND, "No version of subject '" + subject + "' is that schema");
    }

    /** No schema has the id. */
    static Missing noSchemaWithId(String id) {
        return new Missing(Reason.SCHEMA_NOT_FOUND, "No schema has id " + id);
    }

    /** The version is not one. */
    static Missing invalidVersion(String version) {
        return new Missing(
                Reason.INVALID_VERSION, "'" + version + "' is not a version: a number from 1, 'latest' or -1");
    }

    /** The schema is not one this registry can hold. */
    static Missing invalidSchema(String why) {
        return new Missing(Reason.INVALID_SCHEMA, why);
    }

    /** A registration the catalog does not already hold. */
    static Missing readOnly(String subject) {
        return new Missing(
                Reason.READ_ONLY,
                "Subject '" + subject + "' is read-only: this registry serves the catalog's released schemas; a new"
                        + " schema is a release of the schemas module");
    }
}
