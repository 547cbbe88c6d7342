package dev.eventline.schemas.codec;

import dev.eventline.schemas.EventSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes event values in one {@link WireFormat} and decodes values in either.
 *
 * <p>Decoding reads the writer schema's fingerprint (single-object encoding) or registry id (Confluent's
 * framing), finds that schema among the current and released ones, and resolves it to the current
 * schema of the same record: old records come out in today's shape (new fields at their defaults).
 * Generic records hold timestamps as epoch millis ({@code long}), specific records as {@code Instant}.
 *
 * <p>Thread-safe; readers and writers are cached per schema pair.
 */
public final class EventCodec {

    private final EventSchemas schemas;
    private final WireFormat format;
    private final SchemaIds ids;
    private final Map<Schema, GenericDatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, GenericDatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Long, DatumReader<GenericRecord>> genericReaders = new ConcurrentHashMap<>();
    private final Map<Long, DatumReader<SpecificRecord>> specificReaders = new ConcurrentHashMap<>();

    /** A codec over the given schemas that writes single-object encoding and reads both formats. */
    public EventCodec(EventSchemas schemas) {
        this(schemas, WireFormat.SINGLE_OBJECT, SchemaIds.derived(schemas));
    }

    /** A codec that writes {@code format}, naming schemas in Confluent's framing by {@code ids}. */
    public EventCodec(EventSchemas schemas, WireFormat format, SchemaIds ids) {
        this.schemas = schemas;
        this.format = format;
        this.ids = ids;
    }

    /** The format this codec writes. */
    public WireFormat format() {
        return format;
    }

    /** Encodes a generic or generated (specific) record with its own schema. */
    public byte[] encode(GenericContainer record) {
        Schema schema = record.getSchema();
        GenericDatumWriter<Object> writer = record instanceof SpecificRecord
                ? specificWriters.computeIfAbsent(
                        schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
                : genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header(schema));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes to a generic record in the current schema of its record type. */
    public GenericRecord decode(byte[] value) {
        WireFormat format = WireFormat.of(value);
        long fingerprint = writerFingerprint(value, format);
        DatumReader<GenericRecord> reader = genericReaders.computeIfAbsent(fingerprint, f -> {
            Schema writer = writerSchema(f);
            return new GenericDatumReader<>(writer, readerSchema(writer), GenericData.get());
        });
        return read(reader, value, format.headerLength());
    }

    /** Decodes to the generated class of the record type (e.g. {@code FileProgress}). */
    public SpecificRecord decodeSpecific(byte[] value) {
        WireFormat format = WireFormat.of(value);
        long fingerprint = writerFingerprint(value, format);
        DatumReader<SpecificRecord> reader = specificReaders.computeIfAbsent(fingerprint, f -> {
            Schema writer = writerSchema(f);
            Schema current = readerSchema(writer);
            return new SpecificDatumReader<>(writer, current, SpecificData.getForSchema(current));
        });
        return read(reader, value, format.headerLength());
    }

    /**
     * The fingerprint of the schema that wrote a value in either format. Throws {@link
     * UndecodableEventException} for a value in neither, or a Confluent id this codec does not know.
     */
    public long writerFingerprint(byte[] value) {
        return writerFingerprint(value, WireFormat.of(value));
    }

    private long writerFingerprint(byte[] value, WireFormat format) {
        return switch (format) {
            case SINGLE_OBJECT ->
                ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            case CONFLUENT -> {
                int id = ByteBuffer.wrap(value, 1, 4).getInt();
                Schema writer = ids.schemaOf(id)
                        .orElseThrow(() -> new UndecodableEventException(
                                "no known schema has registry id " + id + " (written by a newer, unreleased schema?)",
                                null));
                yield EventSchemas.fingerprint(writer);
            }
        };
    }

    /** The writer fingerprint of a single-object encoded value. */
    public static long fingerprint(byte[] value) {
        if (WireFormat.of(value) != WireFormat.SINGLE_OBJECT) {
            throw new UndecodableEventException("not an Avro single-object encoded value", null);
        }
        return ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private byte[] header(Schema schema) {
        return switch (format) {
            case SINGLE_OBJECT ->
                ByteBuffer.allocate(format.headerLength())
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .put(WireFormat.SINGLE_OBJECT_MARKER_0)
                        .put(WireFormat.SINGLE_OBJECT_MARKER_1)
                        .putLong(EventSchemas.fingerprint(schema))
                        .array();
            case CONFLUENT ->
                ByteBuffer.allocate(format.headerLength())
                        .put(WireFormat.CONFLUENT_MAGIC)
                        .putInt(ids.idOf(schema))
                        .array();
        };
    }

    private Schema writerSchema(long fingerprint) {
        return schemas.byFingerprint(fingerprint)
                .orElseThrow(() -> new UndecodableEventException(
                        "no known schema has fingerprint " + EventHeaders.fingerprintHex(fingerprint)
                                + " (written by a newer, unreleased schema?)",
                        null));
    }

    private Schema readerSchema(Schema writer) {
        return schemas.current(writer.getFullName()).orElse(writer);
    }

    private static <T> T read(DatumReader<T> reader, byte[] value, int header) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, header, value.length - header, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableEventException("corrupt event body", e);
        }
    }
}
