package dev.eventline.schemas.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The CloudEvents 1.0 attributes every record carries, in the Kafka protocol binding's binary mode
 * ({@code ce_} headers, the value as the event's data, {@code content-type} as its data content type).
 * So CloudEvents SDKs and routers read the platform's topics as CloudEvents without decoding Avro.
 * The values repeat the envelope's; the envelope stays the record of truth.
 */
public final class CloudEventHeaders {

    /** Always {@link #SPEC_VERSION}. */
    public static final String SPEC_VERSION_HEADER = "ce_specversion";

    /** The event id (the envelope's {@code eventId}). */
    public static final String ID = "ce_id";

    /** Where the event comes from: {@link #source(String, String)}. */
    public static final String SOURCE = "ce_source";

    /** The catalog event type, e.g. {@code assignment.created}: the same name SSE clients see. */
    public static final String TYPE = "ce_type";

    /** When it happened: the envelope's {@code emittedAt} in RFC 3339. */
    public static final String TIME = "ce_time";

    /** The record the event is about (the envelope's {@code recordId}). */
    public static final String SUBJECT = "ce_subject";

    /** The CloudEvents version of the attributes. */
    public static final String SPEC_VERSION = "1.0";

    private CloudEventHeaders() {}

    /**
     * The source of an event: {@code /tenants/<tenant>/producers/<producer>}, a URI reference with each
     * segment percent-encoded. The producer is the subject of the token that emitted it, so source and
     * id together stay unique as CloudEvents requires (ids are UUIDs anyway).
     */
    public static String source(String tenantId, String emittedBy) {
        return "/tenants/" + segment(tenantId) + "/producers/" + segment(emittedBy);
    }

    /** The RFC 3339 form of an instant in epoch milliseconds. */
    public static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /** RFC 3986 path segment: unreserved characters as they are, every other byte of UTF-8 as %XX. */
    private static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
