package dev.eventline.emitter.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.emitter.idempotency.KeyRecord;
import dev.eventline.emitter.idempotency.StoredReceipt;
import dev.eventline.emitter.ingest.Receipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The value of an idempotency-log record: a {@link KeyRecord} as JSON, {@code kind} naming which. A
 * value without {@code kind} is a done record as earlier versions wrote them. Stateless.
 */
final class KeyRecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyRecordJson() {}

    static byte[] encode(KeyRecord record) {
        ObjectNode node =
                JSON.createObjectNode().put("eventId", record.eventId().toString());
        if (record instanceof KeyRecord.Claimed claim) {
            node.put("kind", "claimed")
                    .put("type", claim.type())
                    .put("fingerprint", claim.fingerprint())
                    .put("firstClaimedAt", claim.firstClaimedAtMillis())
                    .put("supersedes", claim.supersedes());
        } else if (record instanceof KeyRecord.Done done) {
            StoredReceipt stored = done.receipt();
            node.put("kind", "done")
                    .put("type", stored.type())
                    .put("topic", stored.receipt().topic())
                    .put("partition", stored.receipt().partition())
                    .put("offset", stored.receipt().offset())
                    .put("timestamp", stored.receipt().timestamp().toEpochMilli())
                    .put("fingerprint", stored.fingerprint());
        } else {
            node.put("kind", "released");
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The record, or null when the value is not one this version can read. */
    static KeyRecord decode(byte[] value) throws IOException {
        if (value == null) {
            return null;
        }
        JsonNode node = JSON.readTree(value);
        UUID eventId = UUID.fromString(node.get("eventId").asText());
        String kind = node.path("kind").asText("done");
        return switch (kind) {
            case "claimed" ->
                new KeyRecord.Claimed(
                        eventId,
                        node.get("type").asText(),
                        node.get("fingerprint").asText(),
                        node.get("firstClaimedAt").asLong(),
                        node.get("supersedes").asLong());
            case "done" ->
                new KeyRecord.Done(new StoredReceipt(
                        eventId,
                        node.get("type").asText(),
                        new Receipt(
                                node.get("topic").asText(),
                                node.get("partition").asInt(),
                                node.get("offset").asLong(),
                                Instant.ofEpochMilli(node.get("timestamp").asLong())),
                        node.get("fingerprint").asText()));
            case "released" -> new KeyRecord.Released(eventId);
            default -> null;
        };
    }
}
