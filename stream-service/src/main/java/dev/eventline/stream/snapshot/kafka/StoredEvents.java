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
import java.util.List;

/**
 * The store's keys and values. Keys: {@code tenant US recordId} for events, so that a tenant is one
 * prefix scan, and {@code NUL position-<partition>} for how far into that partition the store has
 * applied (the next offset). Values: a decoded event (version byte, partition, offset, type, tenant,
 * record id, audience, emitted-at, JSON), so queries never decode Avro again.
 *
 * <p>Stateless and thread-safe.
 */
final class StoredEvents {

    static final char SEPARATOR = '\u001f';
    /** The prefix of position keys; no tenant starts with NUL. */
    static final String POSITION_PREFIX = "\u0000position-";

    private static final byte VERSION = 1;

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

    static byte[] encode(LogEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(event.json().length() + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LogEvent decode(String topic, byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            checkVersion(in);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored event's audience alone: what the group index needs, without decoding the event's JSON. */
    static List<String> audience(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            checkVersion(in);
            in.readInt();
            in.readLong();
            in.readUTF();
            in.readUTF();
            in.readUTF();
            return readAudience(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkVersion(DataInputStream in) throws IOException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("stored event version " + version + " is unknown");
        }
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
