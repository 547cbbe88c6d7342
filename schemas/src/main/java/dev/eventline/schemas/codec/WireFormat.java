package dev.eventline.schemas.codec;

/**
 * How an event value names the schema that wrote it, chosen per deployment (ADR 0013). Readers of
 * this jar read both, so a topic may hold both while a deployment moves from one to the other.
 *
 * <ul>
 *   <li>{@link #SINGLE_OBJECT}: Avro's single-object encoding, {@code C3 01}, the writer schema's
 *       CRC-64-AVRO fingerprint (8 bytes, little endian), the Avro body. Needs no registry.
 *   <li>{@link #CONFLUENT}: Confluent's wire format, {@code 00}, the schema's registry id (4 bytes, big
 *       endian), the Avro body. What Flink SQL, ksqlDB, Kafka Connect, Trino and Confluent's clients
 *       read, with a registry that serves the ids (the emitter's own {@code /registry}, or an external
 *       one).
 * </ul>
 */
public enum WireFormat {
    /** Avro single-object encoding: 10 bytes before the body. */
    SINGLE_OBJECT(EventHeaders.CONTENT_TYPE_AVRO, 10),
    /** Confluent's framing: 5 bytes before the body. */
    CONFLUENT(EventHeaders.CONTENT_TYPE_CONFLUENT, 5);

    static final byte SINGLE_OBJECT_MARKER_0 = (byte) 0xC3;
    static final byte SINGLE_OBJECT_MARKER_1 = (byte) 0x01;
    static final byte CONFLUENT_MAGIC = 0;

    private final String contentType;
    private final int headerLength;

    WireFormat(String contentType, int headerLength) {
        this.contentType = contentType;
        this.headerLength = headerLength;
    }

    /** The {@code content-type} header of values in this format. */
    public String contentType() {
        return contentType;
    }

    /** Bytes before the Avro body. */
    public int headerLength() {
        return headerLength;
    }

    /**
     * The format of an encoded value, by its first bytes. Throws {@link UndecodableEventException} for
     * a value in neither.
     */
    public static WireFormat of(byte[] value) {
        if (value != null
                && value.length >= SINGLE_OBJECT.headerLength
                && value[0] == SINGLE_OBJECT_MARKER_0
                && value[1] == SINGLE_OBJECT_MARKER_1) {
            return SINGLE_OBJECT;
        }
        if (value != null && value.length >= CONFLUENT.headerLength && value[0] == CONFLUENT_MAGIC) {
            return CONFLUENT;
        }
        throw new UndecodableEventException(
                "not an event value: neither Avro single-object encoding (C3 01) nor Confluent's framing (00)", null);
    }
}
