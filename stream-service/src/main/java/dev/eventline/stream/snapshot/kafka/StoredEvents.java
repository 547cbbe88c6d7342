package dev.eventline.stream.snapshot.kafka;

import dev.eventline.stream.cursor.PartitionRef;
import dev.eventline.stream.subscription.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's keys and values. Keys: {@code tenant US recordId} for events, so that a tenant is one
 * prefix scan, and {@code NUL position-<partition>} for how far into that partition the store has
 * applied (the next offset). Values: a record's kept events, decoded (version byte, count, then per
 * event partition, offset, type, tenant, record id, audience, emitted-at, JSON), so queries never
 * decode Avro again.
 *
 * <p>Stateless and thread-safe.
 */
final class StoredEvents {

    static final char SEPARATOR = '\u001f';
    /** The prefix of position keys; no tenant starts with NUL. */
    static final String POSITION_PREFIX = "\u0000position-";

    /** Values written before marks: one event, no count. */
    private static final byte SINGLE_EVENT = 1;
    /** Values of today: a count, then that many events. */
    private static final byte VERSION = 2;

    private StoredEvents() {}

    static String key(String tenant, String recordId) {
        return tenant + SEPARATOR + recordId;
    }

    static String tenantPrefix(String tenant) {
        return tenant + SEPARATOR;
    }

    /**
     * The prefix of group index keys: {@code SOH group US <tenant> US <group> US <record id>}, one per
     * {@code group:<name>} entry of a record's latest event, valueless. No tenant starts with SOH, and
     * no group name or record id holds a control character (EnvelopeRules), so the parts never blur.
     */
    static final String GROUP_PREFIX = "\u0001group" + SEPARATOR;

    /** Present once every record of the partition's store is in the group index ({@link LatestPerRecord}). */
    static final String GROUP_INDEX_MARKER = "\u0000group-index-v1";

    static String groupKey(String tenant, String group, String recordId) {
        return groupPrefix(tenant, group) + recordId;
    }

    /** The index keys of {@code tenant}'s records whose latest event is addressed to {@code group}. */
    static String groupPrefix(String tenant, String group) {
        return GROUP_PREFIX + tenant + SEPARATOR + group + SEPARATOR;
    }

    /** The record id of a record key or a group index key (ids hold no separator). */
    static String recordOf(String key) {
        return key.substring(key.lastIndexOf(SEPARATOR) + 1);
    }

    /** The tenant of a record key. */
    static String tenantOf(String recordKey) {
        return recordKey.substring(0, recordKey.indexOf(SEPARATOR));
    }

    static String positionKey(int partition) {
        return POSITION_PREFIX + partition;
    }

    static int partitionOf(String positionKey) {
        return Integer.parseInt(positionKey.substring(POSITION_PREFIX.length()));
    }

    static byte[] position(long nextOffset) {
        return ByteBuffer.allocate(Long.BYTES).putLong(nextOffset).array();
    }

    static long position(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    /**
     * The value of a record's kept events ({@code RecordFold}), in log order; they share the record's
     * topic, tenant and id, which the key holds, but each carries its own partition (the same one),
     * offset, type, audience and time.
     */
    static byte[] encode(List<LogEvent> events) {
        int size = 16;
        for (LogEvent event : events) {
            size += event.json().length() + 64;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(events.size());
            for (LogEvent event : events) {
                write(event, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(LogEvent event, DataOutputStream out) throws IOException {
        out.writeInt(event.partition().partition());
        out.writeLong(event.offset());
        out.writeUTF(event.type());
        out.writeUTF(event.tenant());
        out.writeUTF(event.recordId());
        out.writeShort(event.audience().size());
        for (String user : event.audience()) {
            out.writeUTF(user);
        }
        out.writeLong(event.emittedAt());
        byte[] json = event.json().getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    /** A record's kept events, in log order. */
    static List<LogEvent> decode(String topic, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int count = count(in);
            List<LogEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(read(topic, in));
            }
            return List.copyOf(events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LogEvent read(String topic, DataInputStream in) throws IOException {
        PartitionRef partition = new PartitionRef(topic, in.readInt());
        long offset = in.readLong();
        String type = in.readUTF();
        String tenant = in.readUTF();
        String recordId = in.readUTF();
        List<String> audience = readAudience(in);
        long emittedAt = in.readLong();
        byte[] json = in.readNBytes(in.readInt());
        return new LogEvent(
                partition,
                offset,
                type,
                tenant,
                recordId,
                audience,
                emittedAt,
                new String(json, StandardCharsets.UTF_8));
    }

    /**
     * The audience entries of a record's kept events, together: what the group index needs, without
     * decoding the events' JSON (a record is indexed under a group when any kept event names it; the
     * snapshot's filter then decides per event).
     */
    static Set<String> audiences(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int count = count(in);
            Set<String> entries = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                in.readInt();
                in.readLong();
                in.readUTF();
                in.readUTF();
                in.readUTF();
                entries.addAll(readAudience(in));
                in.readLong();
                in.skipNBytes(in.readInt());
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The number of events a value holds: version 1 values (before marks, ADR 0014) hold one event and
     * no count, and stay readable so that a store on disk needs no rebuild.
     */
    private static int count(DataInputStream in) throws IOException {
        byte version = in.readByte();
        return switch (version) {
            case SINGLE_EVENT -> 1;
            case VERSION -> in.readShort();
            default -> throw new IllegalStateException("stored event version " + version + " is unknown");
        };
    }

    private static List<String> readAudience(DataInputStream in) throws IOException {
        int entries = in.readShort();
        List<String> audience = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            audience.add(in.readUTF());
        }
        return List.copyOf(audience);
    }
}
