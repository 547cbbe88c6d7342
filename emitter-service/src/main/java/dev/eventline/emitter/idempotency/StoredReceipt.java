package dev.eventline.emitter.idempotency;

import dev.eventline.emitter.ingest.Receipt;
import java.util.UUID;

/**
 * What a key remembers: the event it wrote and where.
 *
 * @param eventId the event's id
 * @param type the event's type
 * @param receipt where the log stored it
 * @param fingerprint digest of the original request event, to tell a retry from a reused key
 */
public record StoredReceipt(UUID eventId, String type, Receipt receipt, String fingerprint) {}
