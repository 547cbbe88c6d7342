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
 * Encodes and decodes event values in Avro's single-object encoding.
 *
 * <p>Decoding reads the writer's fingerprint, finds that schema among the current and released ones,
 * and resolves it to the current schema of the same record: old records come out in today's shape
 * (new fields at their defaults). Generic records hold timestamps as epoch millis ({@code long}),
 * specific records as {@code Instant}.
 *
 * <p>Thread-safe; readers and writers are cached per schema pair.
 */
public final class EventCodec {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_LENGTH = 10;

    private final EventSchemas schemas;
    private final Map<Schema, GenericDatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, GenericDatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Long, DatumReader<GenericRecord>> genericReaders = new ConcurrentHashMap<>();
    private final Map<Long, DatumReader<SpecificRecord>> specificReaders = new ConcurrentHashMap<>();

    /** A codec over the given schemas. */
    public EventCodec(EventSchemas schemas) {
        this.schemas = schemas;
    }

    /** Encodes a generic or generated (specific) record with its own schema. */
    public byte[] encode(GenericContainer record) {
        Schema schema = record.getSchema();
        GenericDatumWriter<Object> writer = record instanceof SpecificRecord
                ? specificWriters.computeIfAbsent(
                        schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
                : genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MARKER_0).put(MARKER_1).putLong(EventSchemas.fingerprint(schema));
        out.writeBytes(header.array());
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
        long fingerprint = fingerprint(value);
        DatumReader<GenericRecord> reader = genericReaders.computeIfAbsent(fingerprint, f -> {
            Schema writer = writerSchema(f);
            return new GenericDatumReader<>(writer, readerSchema(writer), GenericData.get());
        });
        return read(reader, value);
    }

    /** Decodes to the generated class of the record type (e.g. {@code FileProgress}). */
    public SpecificRecord decodeSpecific(byte[] value) {
        long fingerprint = fingerprint(value);
        DatumReader<SpecificRecord> reader = specificReaders.computeIfAbsent(fingerprint, f -> {
            Schema writer = writerSchema(f);
            Schema current = readerSchema(writer);
            return new SpecificDatumReader<>(writer, current, SpecificData.getForSchema(current));
        });
        return read(reader, value);
    }

    /** The writer fingerprint of a single-object encoded value. */
    public static long fingerprint(byte[] value) {
        if (value == null || value.length < HEADER_LENGTH || value[0] != MARKER_0 || value[1] != MARKER_1) {
            throw new UndecodableEventException("not an Avro single-object encoded value", null);
        }
        return ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
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

    private static <T> T read(DatumReader<T> reader, byte[] value) {
        BinaryDecoder decoder =
                DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableEventException("corrupt event body", e);
        }
    }
}
